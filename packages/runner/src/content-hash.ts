import { createHash } from 'node:crypto';

/** Short content hash: names bundles and tells whether an input changed since its build. */
export const contentHash = (data: string | Uint8Array) =>
  createHash('sha256').update(data).digest('hex').slice(0, 20);
