import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const LISTEN = '0A';

/** The socket inodes listening on `port` (IPv4 and IPv6), from the kernel's tables in /proc/net. */
function listeningInodes(port: number): Set<string> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      // "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …"
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === LISTEN) inodes.add(fields[9]!);
    }
  }
  return inodes;
}

function holdsSocket(pid: string, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    // Another user's process: its descriptors are not ours to read.
    return false;
  }
  return fds.some((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return match !== null && inodes.has(match[1]!);
    } catch {
      return false;
    }
  });
}

/**
 * The pid of the process listening on a local TCP port, or null when none is, or when it belongs to
 * another user (a RabbitMQ installed as a system service, say): Linux shows whose socket it is only to
 * its owner and to root.
 */
export function portOwner(port: number): number | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  for (const pid of readdirSync('/proc')) {
    if (/^\d+$/.test(pid) && holdsSocket(pid, inodes)) return Number(pid);
  }
  return null;
}

/** Resident memory of one process, in bytes; null once it has gone. */
export function rssOf(pid: number): number | null {
  try {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return rss ? Number(rss[1]) * 1024 : null;
  } catch {
    return null;
  }
}
