import { readFileSync } from 'node:fs';
import { groupPids } from './process-memory.js';

/**
 * /proc/<pid>/stat counts CPU time in USER_HZ ticks, which Linux fixes at 100 a second for every
 * process-facing interface whatever the kernel's own tick rate (`getconf CLK_TCK`).
 */
const TICKS_PER_SECOND = 100;

/** User plus system CPU time a process has used so far, in ticks; 0 when it is gone. */
export function processCpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces, so fields count from after ")"; utime and
    // stime are fields 14 and 15 of the line, the 12th and 13th after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every process of the groups (a pattern's processes and the workers they forked). */
export function groupsCpuSeconds(
  pgids: readonly number[],
  pidsOf: (pgid: number) => number[] = groupPids,
): number {
  let ticks = 0;
  for (const pgid of pgids) for (const pid of pidsOf(pgid)) ticks += processCpuTicks(pid);
  return ticks / TICKS_PER_SECOND;
}

/**
 * The CPU the groups spend while `work` runs, in seconds. A process that ends during the work takes
 * its time with it (the bench's targets live through the whole run).
 */
export async function withCpuSeconds<T>(
  pgids: readonly number[],
  work: () => Promise<T>,
): Promise<{ result: T; cpuSeconds: number }> {
  const before = groupsCpuSeconds(pgids);
  const result = await work();
  return { result, cpuSeconds: Math.max(0, groupsCpuSeconds(pgids) - before) };
}
