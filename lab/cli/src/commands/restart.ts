import { connectControl } from '@journey/orchestrator/runtime';
import { processArg, runningTarget } from '../running.js';
import { parse } from '../usage.js';

/** Stops one process if it runs and starts it again on the same port with the same environment. */
export async function restart(args: string[]): Promise<number> {
  const { positionals } = parse(args, {}, 'restart');
  const { state, rest } = runningTarget(positionals, 'restart');
  const name = processArg(rest, state, 'restart');
  console.error(`• restarting ${name} of ${state.pattern}…`);
  const restarted = await connectControl(state).restart(name);
  console.log(
    `${name} of ${state.pattern} is healthy again: pid ${restarted.pid} on ${restarted.url} (restarts: ${restarted.restarts})`,
  );
  return 0;
}
