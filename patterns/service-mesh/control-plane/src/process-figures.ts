import { readFile } from 'node:fs/promises';

/**
 * USER_HZ, the unit of /proc/<pid>/stat's CPU times: 100 on every Linux the kernel's ABI allows
 * (it is fixed for user space whatever the kernel's own tick rate).
 */
const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcessFigures {
  rssBytes: number | null;
  cpuSeconds: number | null;
}

/**
 * Memory and CPU of a group of processes (an HAProxy master and its workers) summed, from /proc; null
 * where none of them could be read (not Linux, or all gone).
 */
export async function processFigures(pids: readonly number[]): Promise<ProcessFigures> {
  const figures = await Promise.all(pids.map(async (pid) => [await rssOf(pid), await cpuOf(pid)] as const));
  const sum = (values: (number | null)[]) => {
    const known = values.filter((value) => value !== null);
    return known.length === 0 ? null : known.reduce((total, value) => total + value, 0);
  };
  return { rssBytes: sum(figures.map(([rss]) => rss)), cpuSeconds: sum(figures.map(([, cpu]) => cpu)) };
}

async function rssOf(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kilobytes = status === null ? undefined : /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kilobytes === undefined ? null : Number(kilobytes) * 1_024;
}

async function cpuOf(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // The command name in parentheses may hold spaces: the fields are counted after its closing one.
  // utime and stime are fields 14 and 15, the 12th and 13th after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / CLOCK_TICKS_PER_SECOND : null;
}
