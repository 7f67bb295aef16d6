import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerConnection } from '@journey/event-driven-service-kit';

/** An embedded log of its own for one test: the URL services are given, and its removal. */
export function scratchBroker(): BrokerConnection & { dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'journey-event-driven-'));
  return {
    url: `embedded:${join(dir, 'events.sqlite')}`,
    namespace: 'journey_test',
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
