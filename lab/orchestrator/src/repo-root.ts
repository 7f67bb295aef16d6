import { fileURLToPath } from 'node:url';

/** The checkout's root: topology commands and pattern folders are relative to it. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
