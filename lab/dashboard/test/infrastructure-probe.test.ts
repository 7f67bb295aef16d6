import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Provisioned } from '@journey/orchestrator';
import { afterAll, describe, expect, it } from 'vitest';
import { probePiece } from '../src/server/infrastructure-probe.js';
import { portOwner } from '../src/server/port-owner.js';

const provisioned = (piece: Pick<Provisioned, 'name' | 'kind' | 'choice' | 'url'>): Provisioned => ({
  ...piece,
  describe: `${piece.choice} ${piece.url}`,
  env: {},
  dispose: async () => {},
});

const listening = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );

describe('infrastructure probe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journey-infrastructure-probe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when a SQLite database file exists, then it is healthy and shows its size; when it is gone, unhealthy', async () => {
    const file = join(dir, 'app.sqlite');
    writeFileSync(file, Buffer.alloc(3 * 1024));
    const database = provisioned({ name: 'db', kind: 'database', choice: 'sqlite', url: file });
    expect(await probePiece(database)).toEqual({
      name: 'db',
      kind: 'database',
      choice: 'sqlite',
      describe: `sqlite ${file}`,
      healthy: true,
      healthDetail: 'file present',
      fileBytes: 3 * 1024,
      rssBytes: null,
    });
    rmSync(file);
    expect(await probePiece(database)).toMatchObject({
      healthy: false,
      healthDetail: 'ENOENT',
      fileBytes: null,
    });
  });

  it('when the embedded broker’s log exists, then it is probed as a file too', async () => {
    const file = join(dir, 'broker.sqlite');
    writeFileSync(file, Buffer.alloc(5 * 1024));
    const broker = provisioned({
      name: 'broker',
      kind: 'broker',
      choice: 'embedded',
      url: `embedded:${file}`,
    });
    expect(await probePiece(broker)).toMatchObject({ healthy: true, fileBytes: 5 * 1024, rssBytes: null });
  });

  it('when a local server’s port takes connections, then healthy with its process’s memory; once it is closed, unhealthy with the reason', async () => {
    const server = createServer((socket) => socket.destroy());
    const port = await listening(server);
    const broker = provisioned({
      name: 'broker',
      kind: 'broker',
      choice: 'nats',
      url: `nats://127.0.0.1:${port}`,
    });
    // The listener is this test's own process, so the server's process is ours.
    expect(portOwner(port)).toBe(process.pid);
    const open = await probePiece(broker);
    expect(open).toMatchObject({ choice: 'nats', healthy: true, healthDetail: 'port open', fileBytes: null });
    expect(open.rssBytes).toBeGreaterThan(0);
    const database = provisioned({
      name: 'db',
      kind: 'database',
      choice: 'postgres',
      url: `postgres://postgres@127.0.0.1:${port}/journey_monolith_db`,
    });
    // PostgreSQL is a server too: the same port probe, the same memory figure.
    const postgres = await probePiece(database);
    expect(postgres).toMatchObject({ kind: 'database', healthy: true, healthDetail: 'port open' });
    expect(postgres.rssBytes).toBeGreaterThan(0);
    await new Promise((resolve) => server.close(resolve));
    expect(await probePiece(broker)).toMatchObject({
      healthy: false,
      healthDetail: 'ECONNREFUSED',
      rssBytes: null,
    });
    expect(portOwner(port)).toBeNull();
  });
});
