import { bootstrap, loadConfig } from '../../bootstrap.js';
import { runCli } from './commands.js';

/** `npx tsx patterns/hexagonal/src/adapters/cli/main.ts <command>` — see USAGE in commands.ts. */
const config = loadConfig();
const core = await bootstrap({ databaseUrl: config.databaseUrl, jwtSecret: config.jwtSecret });
try {
  process.exitCode = await runCli(process.argv.slice(2), core.conduit, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
} finally {
  await core.close();
}
