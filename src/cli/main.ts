import { buildProgram } from './program.js';
import { CliError } from './fail.js';

/** The `completions-mock` command. Errors end as short stderr lines and exit code 1, never stack traces. */
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  const lines = error instanceof CliError ? error.lines : [`error: ${(error as Error).message ?? String(error)}`];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}
