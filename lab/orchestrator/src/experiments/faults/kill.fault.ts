import type { FaultSpec } from '@journey/topology';
import type { Fault } from './fault.js';

/**
 * SIGKILL (a crash, no chance to clean up) or the given signal (SIGTERM: a graceful stop) to each
 * process, restarted when the fault is lifted.
 */
export async function killFault({
  processes,
  signal = 'SIGKILL',
}: Extract<FaultSpec, { kind: 'kill' }>): Promise<Fault> {
  const names = processes.join(', ');
  return {
    injecting: `killing ${names} (${signal})`,
    lifting: `restarting ${names}`,
    during: `with ${names} killed`,
    afterwards: 'after the restart',
    probeUrl: async (publicUrl) => publicUrl,
    async inject(control) {
      for (const name of processes) await control.kill(name, signal);
    },
    async lift(control) {
      for (const name of processes) await control.restart(name);
    },
    findings: () => [],
    problems: () => [],
    close: async () => {},
  };
}
