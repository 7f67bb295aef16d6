/**
 * Whether a process with this pid exists: signal 0 checks without sending anything. EPERM means it
 * exists under another user; a pid that is no positive integer (a missing label, a garbled file) is
 * no process.
 */
export function processExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
