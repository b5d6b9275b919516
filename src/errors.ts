/**
 * An error in what the user gave us (a file, a flag), as opposed to a bug. The CLI prints it as one line —
 * `fidelity: <where>: <what is wrong> — <what to do>` — and exits 2, never with a stack trace.
 */
export class InputError extends Error {
  constructor(
    /** The file or flag at fault, as the user wrote it. */
    readonly where: string,
    /** What is wrong, in a few words. */
    readonly problem: string,
    /** What to do about it. */
    readonly hint: string,
  ) {
    super(`${where}: ${problem} — ${hint}`);
    this.name = 'InputError';
  }
}
