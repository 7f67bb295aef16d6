import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '../../application/ports/driven/index.js';

/** 8 hex characters: 4 billion values, enough that a second clash on the same slug is never seen. */
export const randomIdGenerator = (): IdGenerator => ({ next: () => randomBytes(4).toString('hex') });
