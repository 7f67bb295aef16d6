import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openEmbeddedBroker } from '@journey/broker';
import { createLogger } from '@journey/platform';
import { afterAll, describe, expect, it } from 'vitest';
import { articlePublished, sampleRules } from './sample-events.js';

const consumerScript = fileURLToPath(new URL('./fixtures/embedded-log-consumer.ts', import.meta.url));

describe('embedded log shared by processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journey-event-log-processes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when two consumer processes of a group share the file with a publishing process, then each event is acked once, by one of them', async () => {
    const path = join(dir, 'events.sqlite');
    const publisher = openEmbeddedBroker({
      path,
      events: sampleRules,
      logger: createLogger('publisher', 'silent'),
    });
    const children = [0, 1].map(() =>
      spawn(process.execPath, ['--import', 'tsx', consumerScript, path, 'feed'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const acked: string[] = [];
    const waiters = new Set<() => void>();
    const ready = children.map(
      (child) =>
        new Promise<void>((resolve) => {
          createInterface({ input: child.stdout! }).on('line', (line) => {
            if (line === 'ready') return resolve();
            acked.push(line);
            for (const waiter of waiters) waiter();
          });
        }),
    );
    try {
      await Promise.all(ready);
      const events = Array.from({ length: 20 }, (_, i) => articlePublished(i + 1));
      for (const event of events) await publisher.publish(event);
      await new Promise<void>((resolve) => {
        const check = () => events.every((e) => acked.includes(e.id)) && resolve();
        waiters.add(check);
        check();
      });
      expect([...acked].sort()).toEqual(events.map((e) => e.id).sort());
    } finally {
      for (const child of children) child.kill('SIGTERM');
      const exits = await Promise.all(children.map((child) => once(child, 'exit')));
      expect(exits.map(([code]) => code)).toEqual([0, 0]);
      await publisher.close();
    }
  });
});
