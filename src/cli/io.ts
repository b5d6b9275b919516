/** What the CLI needs from the outside world, so `run()` can be called in-process by tests. */
export interface CliIO {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** ANSI colour in the text summary: stdout is a TTY and NO_COLOR is unset. */
  color: boolean;
  env: Record<string, string | undefined>;
  /** Show a progress bar on stderr: it is a TTY and CI is not set. */
  progress: boolean;
}
