import type { WriteOptions } from './deploy-options.js';

/** Writes a pattern's deploy artifacts for one target under `out`; answers the files written. */
export async function writeDeployment(slug: string, options: WriteOptions): Promise<{ files: string[] }> {
  throw new Error(`writeDeployment(${slug}, ${options.target}): not written yet`);
}
