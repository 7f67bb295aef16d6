import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortLeases } from '../src/port-leases.js';

/** The OS's choice, scripted: the same port twice, as happens when two runs ask at nearly the same time. */
function offering(...ports: number[]): () => Promise<number> {
  const queue = [...ports];
  return async () => {
    const next = queue.shift();
    if (next === undefined) throw new Error('the scripted OS ran out of ports');
    return next;
  };
}

describe('port leases shared by lab runs', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'journey-port-leases-test-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('when two runs are offered the same port before either binds it, then only the first gets it', async () => {
    const first = new PortLeases(directory);
    const second = new PortLeases(directory);
    expect(await first.claim(offering(40100))).toBe(40100);
    expect(await second.claim(offering(40100, 40101))).toBe(40101);
  });

  it('when a lease has expired, then another run may take the port', async () => {
    await new PortLeases(directory).claim(offering(40100));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(directory, '40100'), anHourAgo, anHourAgo);
    expect(await new PortLeases(directory).claim(offering(40100))).toBe(40100);
  });

  it('when a killed process keeps its port held, then the port is still not handed out', async () => {
    const owner = new PortLeases(directory, 60_000);
    owner.hold(40102);
    await expect(new PortLeases(directory).claim(offering(40102, 40102), 2)).rejects.toThrow(
      /no port without a lease on it after 2 tries/,
    );
  });
});
