import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DEFAULT_HOST, DEFAULT_PORT } from '../server/server.js';
import { fail } from './fail.js';
import { collect, MODES, parsePort, parseSeed, parseUrl } from './flags.js';
import { serve, type ServeFlags } from './serve.js';
import { validate } from './validate.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const SERVE_EXAMPLES = `
Examples:
  $ completions-mock                                  serve on http://127.0.0.1:4747
  $ completions-mock serve --port 0 --seed 42         any free port, another seed
  $ completions-mock serve --scenario ./scenarios --scenario extra.yaml
  $ completions-mock serve --api-key sk-test --quiet  only sk-test passes; no request log
  $ completions-mock serve --host 0.0.0.0 --port 8080 reachable from other machines

Point a client at it:  new OpenAI({ baseURL: 'http://127.0.0.1:4747/v1', apiKey: 'any' })`;

export function buildProgram(): Command {
  const program = new Command('completions-mock').description('A deterministic mock of the OpenAI Chat Completions API.').version(version(), '-v, --version');

  const serveCommand = program
    .command('serve', { isDefault: true })
    .description('serve the mock API over HTTP (the default command)')
    .option('--port <n>', 'port to listen on; 0 picks a free one (e.g. --port 8080)', parsePort, DEFAULT_PORT)
    .option('--host <h>', 'interface to bind (e.g. --host 0.0.0.0)', DEFAULT_HOST)
    .option('--scenario <path>', 'scenario file or folder of them; repeatable (e.g. --scenario scenarios/)', collect)
    .option('--seed <n>', 'seed of all generated content (e.g. --seed 42)', parseSeed, 0)
    .option('--api-key <key>', 'accepted API key; repeatable; others get 401 (e.g. --api-key sk-test)', collect)
    .option('--fixtures <dir>', 'fixtures folder for record/replay; implies --mode replay (e.g. --fixtures fixtures/)')
    .addOption(
      new Option('--mode <m>', 'generate answers, or replay/record fixtures (e.g. --mode replay-or-record)')
        .choices(MODES)
        .default('generate', 'generate; replay with --fixtures'),
    )
    .option('--upstream <url>', 'real API base URL to record from (e.g. --upstream https://api.openai.com/v1)', parseUrl)
    .option('--quiet', 'no request log lines')
    .option('--no-latency', "answer at once, ignoring scenarios' latency (e.g. in CI)")
    .option('--exit-on-stdin-close', 'exit when stdin closes (a test harness that spawned it ended)')
    .option('--exit-with-parent', 'exit when the process that started it exits')
    .addHelpText('after', SERVE_EXAMPLES)
    // serve is the default command: a mistyped command would otherwise read as a stray argument.
    .allowExcessArguments()
    .action(async (flags: ServeFlags, command: Command) => {
      if (command.args.length > 0) fail(`error: unknown command '${command.args[0]}' (commands: serve, validate; see completions-mock --help)`);
      // An explicit --mode wins; left at its default, --fixtures implies replay.
      if (command.getOptionValueSource('mode') === 'default') delete flags.mode;
      await serve(flags);
    });

  program
    .command('validate')
    .description('check scenario files; prints file:line:col: message for each problem')
    .argument('<paths...>', 'scenario files or folders')
    .addHelpText('after', '\nExample:\n  $ completions-mock validate scenarios/ extra.yaml')
    .action(validate);

  // `completions-mock --help` documents the default command's flags too.
  program.addHelpText('after', () => `\nOptions of serve (the default command):\n${serveCommand.helpInformation().split('Options:\n')[1] ?? ''}`);
  return program;
}
