import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const WEB_SOURCES = fileURLToPath(new URL('../web/', import.meta.url));

/**
 * Builds the web app with Vite into a fresh temporary folder and returns it. Built at every start so
 * `npm ci && npm start` needs no build step and no built files are kept in git or go stale (a few seconds).
 */
export async function buildWebApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'journey-dashboard-'));
  await build({
    root: WEB_SOURCES,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2_000 },
  });
  return outDir;
}
