import { describe } from 'vitest';
import { coreOn } from '../support/core-factories.js';
import { useCaseSuite } from './use-cases.suite.js';

// The core on in-memory adapters and fakes: no I/O at all, so the whole suite runs in about a second.
describe('use cases on the in-memory adapters', () => useCaseSuite(coreOn.memory));
