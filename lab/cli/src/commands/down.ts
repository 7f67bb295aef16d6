import { setTimeout as sleep } from 'node:timers/promises';
import { connectControl, processExists } from '@journey/orchestrator/runtime';
import { runningTarget } from '../running.js';
import { parse, UsageError } from '../usage.js';

/** Stops every process of a running topology cleanly; its `journey up` then exits with code 0. */
export async function down(args: string[]): Promise<number> {
  const { positionals } = parse(args, {}, 'down');
  const { state, rest } = runningTarget(positionals, 'down');
  if (rest.length > 0) throw new UsageError(`journey down: unexpected "${rest.join(' ')}"`);
  console.error(`• stopping ${state.pattern}…`);
  await connectControl(state).stop();
  // The control socket answers once the processes are gone; `journey up` exits just after.
  const deadline = Date.now() + 10_000;
  while (processExists(state.ownerPid)) {
    if (Date.now() > deadline)
      throw new Error(
        `${state.pattern} stopped, but its \`journey up\` (pid ${state.ownerPid}) is still running`,
      );
    await sleep(50);
  }
  console.log(`${state.pattern} stopped, nothing left running`);
  return 0;
}
