import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../errors.js';
import { TOOL_VERSION } from '../6-report/model.js';
import { SEVERITIES, type Severity } from '../types.js';
import { FORMATS, runAudit, type AuditFlags } from './audit.js';
import { CONFIG_SCHEMA } from './config.js';
import { runScore } from './score.js';
import { SCORE_FLAGS, type ScoreFlags } from '../4-compare/metrics/index.js';
import { REPORT_SCHEMA } from '../6-report/schema.js';
import type { CliIO } from './io.js';

/**
 * Parses the command line and runs a command. Returns the exit code instead of exiting — 0 done, 1 a gate
 * failed, 2 usage or input error — so the CLI is testable in-process; only `main.ts` calls `process.exit`.
 */
export async function run(argv: string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('fidelity')
    .description('Audit translated and republished texts against their official original.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // Commander prints "error: …" itself; keep it to one line with the hint to --help.
      outputError: (s, write) => write(`fidelity: ${s.replace(/^error: /, '').trim()} — see \`fidelity --help\`\n`),
    });

  program
    .command('audit')
    .description('audit candidate text(s) against reference(s) and write JSON and HTML reports')
    .argument('[reference]', 'the official text (or a directory of them)')
    .argument('[candidate]', 'the translated or republished text to audit (or a directory, paired by file name)')
    .option('--manifest <file>', 'audit every pair listed in a manifest JSON file ({"pairs": [{"reference", "candidate"}]})')
    .option('--out <dir>', 'write <ref>--<cand>.json and .html (and index.html for a batch) into this directory (default: reports/)')
    .option('--json <file>', 'write the JSON report to exactly this file')
    .option('--html <file>', 'write the HTML report to exactly this file')
    .option('--format <formats>', `print a format (${FORMATS.join(', ')}), or write several: sarif=out.sarif,junit=out.xml`, 'text')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a (new) finding at or above this severity exists').choices([...SEVERITIES]))
    .option('--max-drift <x>', 'exit 1 when the document drift is above this value (0–1)', unitInterval)
    .option('--config <file>', 'configuration file (default: ./fidelity.config.json when present)')
    .option('--glossary <file>', 'JSON glossary of protected terms and their allowed variants')
    .option('--baseline <file>', 'accepted findings: only new findings count against the gate')
    .option('--write-baseline <file>', 'record the current findings as accepted')
    .option('--jobs <n>', 'worker threads for a batch (default: one per core)', positiveInt)
    .option('--max-bytes <n>', 'refuse inputs larger than this many bytes (default 50 MiB)', positiveInt)
    .option('--timeout <seconds>', 'overall time budget; pairs not done by then are reported as not audited (exit 2)', positiveNumber)
    .addOption(new Option('--align-mode <mode>', 'force the alignment mode (default: chosen from the data)').choices(['monotonic', 'non-monotonic']))
    .action(async (reference: string | undefined, candidate: string | undefined, opts: Record<string, unknown>) => {
      const flags: AuditFlags = { format: String(opts.format) };
      for (const key of ['manifest', 'out', 'json', 'html', 'glossary', 'config', 'baseline', 'writeBaseline'] as const) {
        if (typeof opts[key] === 'string') flags[key] = opts[key] as string;
      }
      if (opts.failOn) flags.failOn = opts.failOn as Severity;
      if (typeof opts.maxDrift === 'number') flags.maxDrift = opts.maxDrift;
      if (typeof opts.jobs === 'number') flags.jobs = opts.jobs;
      if (typeof opts.maxBytes === 'number') flags.maxBytes = opts.maxBytes;
      if (typeof opts.timeout === 'number') flags.timeout = opts.timeout;
      if (opts.alignMode) flags.alignMode = opts.alignMode as AuditFlags['alignMode'];
      const positional = [reference, candidate].filter((x): x is string => x !== undefined);
      code = await runAudit(positional, flags, io);
    });

  const score = program
    .command('score')
    .description('sacreBLEU-compatible BLEU, chrF and TER of line-aligned files (the last file is the hypothesis)')
    .argument('<files...>', 'reference file(s), then the hypothesis file; one segment per line');
  for (const f of SCORE_FLAGS) score.option(f.flags, f.description, f.default);
  score.action((files: string[], opts: ScoreFlags) => {
    code = runScore(files, opts, io);
  });

  program
    .command('schema')
    .description('print the JSON Schema of the report (or of the config file)')
    .addOption(new Option('--of <what>', 'which schema').choices(['report', 'config']).default('report'))
    .action((opts: { of: string }) => {
      io.stdout(JSON.stringify(opts.of === 'config' ? CONFIG_SCHEMA : REPORT_SCHEMA, null, 2) + '\n');
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with exit code 0; everything else commander rejects is a usage error.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof InputError) {
      io.stderr(`fidelity: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function unitInterval(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}
