/**
 * Entry point of the `switchboard` command: parses the environment once and runs a command.
 */
import { loadConfig } from '../config/config.ts';
import { runCli } from '../cli/cli.ts';

const code = await runCli(process.argv.slice(2), () => loadConfig(), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exit(code);
