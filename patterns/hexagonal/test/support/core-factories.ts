import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionDatabase } from '@journey/provisioning';
import { fakePasswordHasher } from '../../src/adapters/memory/fake-password-hasher.js';
import { memoryTokenService } from '../../src/adapters/memory/memory-token-service.js';
import { sequentialIdGenerator } from '../../src/adapters/memory/sequential-id-generator.js';
import { steppingClock } from '../../src/adapters/memory/stepping-clock.js';
import { bootstrap, type Core } from '../../src/bootstrap.js';

export interface OpenedCore {
  core: Core;
  dispose(): Promise<void>;
}

export type CoreFactory = () => Promise<OpenedCore>;

/** Fakes for the slow or non-deterministic ports: no scrypt, no signatures, a clock that steps by 1 ms. */
const fakes = () => ({
  passwords: fakePasswordHasher(),
  tokens: memoryTokenService(),
  clock: steppingClock(),
  ids: sequentialIdGenerator(),
});

/** pattern: the use-case tests change only the composition root's storage choice, nothing else. */
export const coreOn = {
  memory: async (): Promise<OpenedCore> => {
    const core = await bootstrap({ databaseUrl: 'memory:', overrides: fakes() });
    return { core, dispose: () => core.close() };
  },
  sqlite: async (): Promise<OpenedCore> => {
    const dir = mkdtempSync(join(tmpdir(), 'journey-hexagonal-core-'));
    const core = await bootstrap({ databaseUrl: join(dir, 'core.sqlite'), overrides: fakes() });
    return {
      core,
      dispose: async () => {
        await core.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  postgres: async (): Promise<OpenedCore> => {
    const database = await provisionDatabase('hexagonal', 'core', 'postgres', { fresh: true });
    const core = await bootstrap({ databaseUrl: database.url, overrides: fakes() });
    return {
      core,
      dispose: async () => {
        await core.close();
        await database.dispose();
      },
    };
  },
} satisfies Record<string, CoreFactory>;
