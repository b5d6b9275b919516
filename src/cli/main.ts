#!/usr/bin/env node
import { run } from './run.js';

/**
 * The binary. Anything that is not an input or usage error is a bug in fidelity: say so in one line (the
 * stack only with FIDELITY_DEBUG set) and exit 2, so CI never mistakes a crash for "findings".
 */
try {
  const code = await run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    env: process.env,
    progress: Boolean(process.stderr.isTTY) && !process.env.CI,
  });
  process.exitCode = code;
} catch (e) {
  process.stderr.write(`fidelity: internal error: ${(e as Error)?.message ?? String(e)} — please report it (set FIDELITY_DEBUG=1 for details)\n`);
  if (process.env.FIDELITY_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
  process.exitCode = 2;
}
