import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionDatabase } from '@journey/provisioning';
import { postgres } from '@journey/testkit';
import { memoryStorage } from '../../src/adapters/memory/memory-storage.js';
import { postgresStorage } from '../../src/adapters/postgres/postgres-storage.js';
import { sqliteStorage } from '../../src/adapters/sqlite/sqlite-storage.js';
import type { Storage } from '../../src/adapters/storage.js';

export interface OpenedStorage {
  storage: Storage;
  /** Closes the storage and removes what it created. */
  dispose(): Promise<void>;
}

/** Fresh, empty storage of one adapter: what every storage port contract suite is handed. */
export type StorageFactory = () => Promise<OpenedStorage>;

export interface StorageAdapter {
  name: 'memory' | 'sqlite' | 'postgres';
  open: StorageFactory;
  /** Why this adapter's suites are skipped here (PostgreSQL absent outside CI), or undefined. */
  skip?: string;
}

const pg = await postgres();

/** Every storage adapter of this pattern: a new one joins this list and must pass every suite. */
export const storageAdapters: StorageAdapter[] = [
  {
    name: 'memory',
    open: async () => {
      const storage = memoryStorage();
      return { storage, dispose: () => storage.close() };
    },
  },
  {
    name: 'sqlite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'journey-hexagonal-port-'));
      const storage = await sqliteStorage(join(dir, 'test.sqlite'));
      return {
        storage,
        dispose: async () => {
          await storage.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: pg.available ? undefined : pg.reason,
    open: async () => {
      const database = await provisionDatabase('hexagonal', 'ports', 'postgres', { fresh: true });
      const storage = await postgresStorage(database.url);
      return {
        storage,
        dispose: async () => {
          await storage.close();
          await database.dispose();
        },
      };
    },
  },
];

let counter = 0;
/** A name no other test in this run uses: suites share one database per adapter. */
export const uniqueName = (prefix: string) =>
  `${prefix}${process.pid.toString(36)}${(++counter).toString(36)}${Date.now().toString(36)}`;
