import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/run.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CORPUS = join(ROOT, 'corpus');
export const REF = 'corpus/000_f32ec7d94fac71fb.txt';
export const GARBLED = 'corpus/001_378ec3acaf265ec0.txt';
export const RELATED = 'corpus/002_b29c560fde53bf74.txt';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process (single-threaded paths) with captured output. */
export async function cli(argv: string[], cwd = ROOT): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    cwd,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    color: false,
    env: {},
    progress: false,
  });
  return { code, stdout, stderr };
}

/** Runs the built binary (dist/, built by `npm test`'s pretest) in a child process: worker pools, env, exit codes. */
export function bin(argv: string[], cwd = ROOT, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...argv], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tmp(prefix = 'fidelity-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
