import { connectControl, describeExit, KILL_SIGNALS, type KillSignal } from '@journey/orchestrator/runtime';
import { processArg, runningTarget } from '../running.js';
import { parse, UsageError } from '../usage.js';

export const killOptions = { signal: { type: 'string' } } as const;

/** Kills one process of a running topology; the others keep running and it stays down until restarted. */
export async function kill(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, killOptions, 'kill');
  const signal = values.signal ?? 'SIGKILL';
  if (!(KILL_SIGNALS as readonly string[]).includes(signal))
    throw new UsageError(`journey kill: --signal must be one of the signals, not "${signal}"`, KILL_SIGNALS);
  const { state, rest } = runningTarget(positionals, 'kill');
  const name = processArg(rest, state, 'kill');
  const killed = await connectControl(state).kill(name, signal as KillSignal);
  console.log(
    `${name} of ${state.pattern} is down (${killed.exit ? describeExit(killed.exit) : signal}); ` +
      `bring it back with: journey restart ${state.pattern} ${name}`,
  );
  return 0;
}
