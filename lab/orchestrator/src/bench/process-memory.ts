import { readdirSync, readFileSync } from 'node:fs';

/** The pids of every process in a process group (a pattern's process and any workers it forked). */
export function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may contain spaces, so split after ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return pids;
}

/** Resident memory, in bytes, of every process in a process group. */
export function groupRss(pgid: number): number {
  let total = 0;
  for (const pid of groupPids(pgid)) {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // Gone already.
    }
  }
  return total;
}

/** Samples a group's RSS while `work` runs and returns the peak alongside work's result. */
export async function withPeakRss<T>(
  pgids: number[],
  work: () => Promise<T>,
): Promise<{ result: T; peakRss: number }> {
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(
      peakRss,
      pgids.reduce((sum, pgid) => sum + groupRss(pgid), 0),
    );
  };
  sample();
  const timer = setInterval(sample, 250);
  try {
    const result = await work();
    sample();
    return { result, peakRss };
  } finally {
    clearInterval(timer);
  }
}
