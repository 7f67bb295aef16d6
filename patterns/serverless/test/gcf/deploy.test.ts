import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getFunction } from '@google-cloud/functions-framework/testing';
import { describe, expect, it } from 'vitest';
import { gcfDeployFiles } from '../../deploy/gcf/generate.js';
import { conduitFunctions, eventFunctions } from '../../functions/index.js';

/**
 * The GCF deploy artifacts checked offline: current with the function map, the gateway config routing
 * every route to its function and nothing else, the script valid bash, and every --entry-point a
 * function the source's entry module really registers with the framework.
 */
const deployDir = new URL('../../deploy/gcf/', import.meta.url);
const committed = (file: string) => readFileSync(new URL(file, deployDir), 'utf8');

interface GatewayOperation {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean }[];
  'x-google-backend': { address: string; path_translation: string };
}
const spec = JSON.parse(committed('api-gateway.openapi.json')) as {
  swagger: string;
  paths: Record<string, Record<string, GatewayOperation>>;
};
const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
);

describe('GCF deploy artifacts', () => {
  it.each(Object.entries(gcfDeployFiles()))(
    'when the function map is read again, then %s is unchanged (regenerate with generate.ts)',
    (file, text) => {
      expect(committed(file)).toBe(text);
    },
  );

  it('when API Gateway reads its config, then each route of the map goes to its own function, and no other route exists', () => {
    const routed = operations.map(({ path, method, operation }) => ({
      route: `${method} ${path}`,
      backend: operation['x-google-backend'].address.replace(
        /^https:\/\/\$\{REGION\}-\$\{PROJECT\}\.cloudfunctions\.net\//,
        '',
      ),
    }));
    const mapped = conduitFunctions.flatMap(({ name, routes }) =>
      routes.map(({ method, path }) => ({ route: `${method} ${path}`, backend: name })),
    );

    expect(spec.swagger).toBe('2.0');
    expect(routed.sort((a, b) => a.route.localeCompare(b.route))).toEqual(
      mapped.sort((a, b) => a.route.localeCompare(b.route)),
    );
    expect(
      operations.every(
        ({ operation }) => operation['x-google-backend'].path_translation === 'APPEND_PATH_TO_ADDRESS',
      ),
    ).toBe(true);
  });

  it('when a path has parameters, then each is declared as a required path parameter (Swagger 2.0 requires it)', () => {
    for (const { path, operation } of operations) {
      const inPath = [...path.matchAll(/\{([A-Za-z]+)\}/g)].map(([, name]) => name);
      expect(operation.parameters?.map(({ name }) => name) ?? [], path).toEqual(inPath);
      expect(operation.parameters?.every((p) => p.in === 'path' && p.required) ?? true).toBe(true);
    }
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when deploy.sh deploys a function, then it caps its instances at what the local runtime enforces', () => {
    const deploys = committed('deploy.sh').split('gcloud functions deploy ').slice(1);
    expect(deploys).toHaveLength(conduitFunctions.length + eventFunctions.length);
    for (const deploy of deploys) expect(deploy, deploy.split(' ')[0]).toContain(' --max-instances=5 ');
  });

  it('when an event function is deployed, then its trigger is the topic of its event type, with retries, and it takes no HTTP', () => {
    for (const { name, trigger } of eventFunctions) {
      const deploy =
        committed('deploy.sh').split(`gcloud functions deploy ${name} `)[1]?.split('\n\n')[0] ?? '';
      expect(deploy).toContain(`--trigger-topic=${trigger} `);
      expect(deploy).toContain('--retry');
      expect(deploy).not.toContain('--trigger-http');
    }
  });

  it('when bash parses deploy.sh, then it finds no syntax error', () => {
    expect(() => execFileSync('bash', ['-n', fileURLToPath(new URL('deploy.sh', deployDir))])).not.toThrow();
  });

  it('when the source is loaded as Cloud Functions loads it, then every --entry-point is a registered function', async () => {
    const entryPoints = [...committed('deploy.sh').matchAll(/--entry-point=(\S+)/g)].map(([, name]) => name!);
    await import('../../platforms/gcf/entry-points.js');

    expect(entryPoints.sort()).toEqual(
      [...conduitFunctions, ...eventFunctions].map(({ name }) => name).sort(),
    );
    for (const name of entryPoints) expect(getFunction(name), name).toBeTypeOf('function');
  });
});
