import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@journey/platform';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMeshControl } from '../../control-plane/src/app.js';
import { meshLayout, socketPathProblem } from '../../control-plane/src/mesh-layout.js';

const DEFAULT_POLICY = join(import.meta.dirname, '../../mesh-policy.yaml');

describe('the run directory and the sidecars’ unix sockets', () => {
  const parent = mkdtempSync(join(tmpdir(), 'mesh-layout-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('when a socket path would pass what HAProxy binds (97 bytes), then it names that path and how much shorter to go', () => {
    const runDir = `/${'r'.repeat(62)}`;
    expect(socketPathProblem(meshLayout(runDir), ['identity'])).toBeUndefined();
    const problem = socketPathProblem(meshLayout(runDir), ['identity', 'articles-v2']);
    expect(problem).toBe(
      `the run directory is too long for the sidecars' unix sockets: ${runDir}/mesh/pods/articles-v2/runtime.sock ` +
        'is 98 bytes, HAProxy takes at most 97; give JOURNEY_RUN_DIR a path 1 bytes shorter',
    );
  });

  it('when mesh-control is started under such a directory, then it refuses to start, saying so, before making a CA', async () => {
    const runDir = join(parent, 'd'.repeat(100));
    const started = buildMeshControl(createLogger('mesh-layout-test', 'silent'), {
      runDir,
      defaultPolicyFile: DEFAULT_POLICY,
    });
    await expect(started).rejects.toThrow(/^mesh-control cannot start: the run directory is too long/);
  });
});
