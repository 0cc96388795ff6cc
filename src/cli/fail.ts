/** Thrown to stop the CLI with one line on stderr and exit code 1 (no stack trace). */
export class CliError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'CliError';
  }
}

export function fail(...lines: string[]): never {
  throw new CliError(lines);
}
