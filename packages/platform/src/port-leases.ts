import { mkdirSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ports handed out and not yet bound, shared by every lab process of this user through a directory.
 * A topology plans all its ports first and starts its processes one by one, so a port may wait tens of
 * seconds for its process; without a lease a run in another process (a parallel test file, a second
 * `journey up`) could be handed the same port meanwhile, and a health check would then be answered by
 * that run's process.
 */
export class PortLeases {
  constructor(
    // Per user: another user's lease files could not be written or renamed, and would break freePort.
    readonly directory = join(tmpdir(), `journey-port-leases-${process.getuid?.() ?? 'user'}`),
    readonly leaseMs = 180_000,
  ) {}

  /** The first port `pick` offers that no live lease holds; the lease is then ours. */
  async claim(pick: () => Promise<number>, attempts = 50): Promise<number> {
    mkdirSync(this.directory, { recursive: true });
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const port = await pick();
      if (this.#take(port)) return port;
    }
    throw new Error(`no port without a lease on it after ${attempts} tries (leases in ${this.directory})`);
  }

  /** Renews the lease on a port that stays ours while its process is down (killed, restarting). */
  hold(port: number): void {
    mkdirSync(this.directory, { recursive: true });
    const file = this.#file(port);
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      writeFileSync(file, String(process.pid));
    }
  }

  /** Exclusive creation is the lock; an expired lease is first renamed away, which only one taker can do. */
  #take(port: number): boolean {
    const file = this.#file(port);
    if (createExclusively(file)) return true;
    let age: number;
    try {
      age = Date.now() - statSync(file).mtimeMs;
    } catch {
      return createExclusively(file);
    }
    if (age < this.leaseMs) return false;
    const expired = `${file}.expired-${process.pid}-${Date.now()}`;
    try {
      renameSync(file, expired);
    } catch {
      return false;
    }
    unlinkSync(expired);
    return createExclusively(file);
  }

  #file(port: number): string {
    return join(this.directory, String(port));
  }
}

const leases = new PortLeases();

/** A port nothing listens on and no other lab run holds; the OS picks it, so parallel runs do not collide. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return leases.claim(() => portPickedByOs(host));
}

/** Keeps a process's port leased while it is down, so its restart finds the port still free. */
export function holdPort(port: number): void {
  leases.hold(port);
}

/** True when nothing listens on the port yet. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function portPickedByOs(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function createExclusively(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
