import { readFileSync } from 'node:fs';

/** Whether a pid runs: present in /proc and not a zombie waiting to be reaped (which `kill -0` would count). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
