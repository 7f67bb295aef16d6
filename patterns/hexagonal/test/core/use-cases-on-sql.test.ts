import { postgres } from '@journey/testkit';
import { describe } from 'vitest';
import { coreOn } from '../support/core-factories.js';
import { useCaseSuite } from './use-cases.suite.js';

const pg = await postgres();

// The same use-case tests with only the composition root's storage choice changed.
describe('use cases on the SQLite adapter', () => useCaseSuite(coreOn.sqlite));
describe.skipIf(!pg.available)(
  `use cases on the PostgreSQL adapter${pg.available ? '' : ` (${pg.reason})`}`,
  () => useCaseSuite(coreOn.postgres),
);
