import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PatternCommandContext, UsageError } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import mesh from '../../lab/mesh-command.js';

/** The command as the CLI runs it when no mesh is running: `running()` says how to start one. */
function withoutRunningMesh() {
  const printed: string[] = [];
  const context: PatternCommandContext = {
    pattern: 'service-mesh',
    running: () => {
      throw new Error('service-mesh is not running; start it with: journey up service-mesh');
    },
    infrastructure: () => [],
    print: (line) => printed.push(line),
    progress: () => {},
    record: () => {},
  };
  return { context, printed };
}

describe('journey mesh, called wrongly or with no mesh running', () => {
  it('when the subcommand is missing or unknown, then it is a usage error listing the subcommands', async () => {
    const { context } = withoutRunningMesh();
    await expect(mesh([], context)).rejects.toThrow(UsageError);
    await expect(mesh(['reload'], context)).rejects.toMatchObject({
      message: 'journey mesh: no subcommand "reload"',
      choices: ['apply', 'status', 'rotate', 'verify-mtls', 'manifests'],
    });
  });

  it('when apply has no file, several, or one that does not exist, then it is a usage error', async () => {
    const { context } = withoutRunningMesh();
    await expect(mesh(['apply'], context)).rejects.toThrow(UsageError);
    await expect(mesh(['apply', 'a.yaml', 'b.yaml'], context)).rejects.toThrow(UsageError);
    await expect(mesh(['apply', '/nowhere/policy.yaml'], context)).rejects.toThrow(
      /cannot read \/nowhere\/policy.yaml/,
    );
  });

  it('when a subcommand that takes none gets arguments, then it is a usage error', async () => {
    const { context } = withoutRunningMesh();
    for (const subcommand of ['status', 'rotate', 'verify-mtls']) {
      await expect(mesh([subcommand, 'now'], context)).rejects.toThrow(UsageError);
    }
  });

  it('when status needs the running mesh and none runs, then it says how to start one', async () => {
    const { context } = withoutRunningMesh();
    await expect(mesh(['status'], context)).rejects.toThrow(/journey up service-mesh/);
  });

  it('when manifests has no target, an unknown one or an unknown flag, then it is a usage error', async () => {
    const { context } = withoutRunningMesh();
    await expect(mesh(['manifests'], context)).rejects.toThrow(
      /--target must be one of istio, linkerd, consul/,
    );
    await expect(mesh(['manifests', '--target', 'kuma'], context)).rejects.toThrow(UsageError);
    await expect(mesh(['manifests', '--target', 'istio', '--force'], context)).rejects.toThrow(UsageError);
  });

  it('when manifests runs with no mesh running, then it translates the default policy', async () => {
    const { context, printed } = withoutRunningMesh();
    expect(await mesh(['manifests', '--target', 'istio'], context)).toBe(0);
    const yaml = printed.join('\n');
    expect(yaml).toContain('kind: VirtualService');
    expect(yaml).toContain('kind: AuthorizationPolicy');
  });

  it('when manifests is given --out, then it writes one file per manifest there', async () => {
    const { context, printed } = withoutRunningMesh();
    const out = mkdtempSync(join(tmpdir(), 'mesh-manifests-'));
    try {
      expect(await mesh(['manifests', '--target', 'linkerd', '--out', out], context)).toBe(0);
      const files = readdirSync(out);
      expect(files.length).toBeGreaterThan(0);
      expect(printed).toHaveLength(files.length);
      for (const file of files) expect(readFileSync(join(out, file), 'utf8')).toMatch(/^# /);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
