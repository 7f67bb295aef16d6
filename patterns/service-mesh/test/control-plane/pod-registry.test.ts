import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry, saveRegistry } from '../../control-plane/src/pod-registry.js';

describe('registry.json, what a restarted mesh-control knows of its pods', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pod-registry-'));
  const file = join(dir, 'registry.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when it is absent, then there is none; when saved, it loads back', async () => {
    expect(await loadRegistry(join(dir, 'absent.json'))).toBeUndefined();
    await saveRegistry(file, { generation: 3, accessLogPort: null, pods: [] });
    expect(await loadRegistry(file)).toEqual({ generation: 3, accessLogPort: null, pods: [] });
  });

  it.each([
    ['not JSON', '{"generation": 3,'],
    ['JSON of another shape', '{"generation":"x","pods":[{"registration":null}]}'],
    ['a pod without its registration', '{"generation":1,"accessLogPort":null,"pods":[{}]}'],
    ['null', 'null'],
  ])('when it is %s, then it says the file is not the registry and to delete it', async (_, text) => {
    writeFileSync(file, text);
    await expect(loadRegistry(file)).rejects.toThrow(
      `${file} is not the registry mesh-control writes (delete it to start afresh)`,
    );
  });
});
