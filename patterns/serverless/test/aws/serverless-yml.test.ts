import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_BUS, EVENT_SOURCE } from '../../platforms/aws/event-adapter.js';
import { lambdaFunctionName } from '../../platforms/aws/event-invoke.js';
import { AWS_SERVICE_DIR, offlineEnvironment, SERVERLESS_CLI } from '../../platforms/aws/offline.js';
import {
  CATCH_ALL_FUNCTION,
  eventFunctionTriggers,
  functionMapRoutes,
  INSTANCE_CAP,
  routeKey,
} from './function-map-routes.js';

const run = promisify(execFile);
const PATTERN_DIR = join(AWS_SERVICE_DIR, '..', '..');

interface PrintedService {
  provider: { runtime: string; environment: Record<string, string>; httpApi: { payload: string } };
  plugins: string[];
  custom: { 'serverless-offline': { location: string } };
  functions: Record<
    string,
    {
      handler: string;
      name: string;
      reservedConcurrency?: number;
      events: {
        httpApi?: '*' | { method: string; path: string };
        eventBridge?: { eventBus: string; pattern: { source: string[]; 'detail-type': string[] } };
      }[];
    }
  >;
}

/**
 * `serverless print`: the framework loads the file, resolves its variables and validates it against its
 * configuration schema (serverless-offline's part included), all without AWS credentials or network,
 * since DATABASE_URL and JWT_SECRET come from the environment and SSM is never asked.
 */
async function print(serviceDir: string, config = 'serverless.yml') {
  return run(process.execPath, [SERVERLESS_CLI, 'print', '--config', config, '--format', 'json'], {
    cwd: serviceDir,
    env: offlineEnvironment({
      environment: { DATABASE_URL: 'postgres://conduit@127.0.0.1/conduit', JWT_SECRET: 'print' },
    }),
  });
}

describe('deploy/aws/serverless.yml', () => {
  let service: PrintedService;
  beforeAll(async () => {
    service = JSON.parse((await print(AWS_SERVICE_DIR)).stdout) as PrintedService;
  });

  it('when the framework prints it offline, then it is valid and declares an HTTP API (payload 2.0) on Node.js', () => {
    expect(service.provider.httpApi.payload).toBe('2.0');
    expect(service.provider.runtime).toMatch(/^nodejs\d+\.x$/);
    expect(service.plugins).toContain('serverless-offline');
  });

  it('when its routes are compared with the function map, then every function has exactly its routes', () => {
    const declared = Object.fromEntries(
      Object.entries(service.functions).map(([name, fn]) => [
        name,
        fn.events
          .flatMap(({ httpApi }) =>
            httpApi && httpApi !== '*' ? [routeKey(httpApi.method, httpApi.path)] : [],
          )
          .sort(),
      ]),
    );
    expect(declared).toEqual(functionMapRoutes());
  });

  it('when its EventBridge rules are compared with the function map, then each event function is triggered by its event type from the articles function, and nothing else is', () => {
    const triggered = Object.fromEntries(
      Object.entries(service.functions).flatMap(([name, fn]) =>
        fn.events.flatMap(({ eventBridge }) =>
          eventBridge ? [[name, { bus: eventBridge.eventBus, ...eventBridge.pattern }] as const] : [],
        ),
      ),
    );
    expect(triggered).toEqual(
      Object.fromEntries(
        Object.entries(eventFunctionTriggers()).map(([name, trigger]) => [
          name,
          { bus: EVENT_BUS, source: [EVENT_SOURCE], 'detail-type': [trigger] },
        ]),
      ),
    );
  });

  it('when an event function is named, then it is the Lambda name the local event delivery invokes', () => {
    for (const name of Object.keys(eventFunctionTriggers())) {
      expect(service.functions[name]?.name).toBe(lambdaFunctionName(name));
    }
  });

  it('when resolved, then every function reserves the instance cap the local runtime enforces', () => {
    const caps = Object.fromEntries(
      Object.entries(service.functions).map(([name, fn]) => [name, fn.reservedConcurrency]),
    );
    expect(caps).toEqual(
      Object.fromEntries(Object.keys(functionMapRoutes()).map((name) => [name, INSTANCE_CAP])),
    );
  });

  it('when no route matches a request, then exactly one function answers it (the catch-all), not the gateway', () => {
    const catchAll = Object.entries(service.functions).filter(([, fn]) =>
      fn.events.some(({ httpApi }) => httpApi === '*'),
    );
    expect(catchAll.map(([name]) => name)).toEqual([CATCH_ALL_FUNCTION]);
  });

  it("when a function's handler is followed from the pattern's root, then it is that function's TypeScript entry", () => {
    for (const [name, fn] of Object.entries(service.functions)) {
      expect(fn.handler).toBe(`platforms/aws/handlers/${name}.handler`);
      expect(existsSync(join(PATTERN_DIR, `platforms/aws/handlers/${name}.ts`)), fn.handler).toBe(true);
    }
  });

  it('when resolved, then the functions get the database URL, the JWT secret and a pool size from the environment', () => {
    expect(service.provider.environment).toMatchObject({
      DATABASE_URL: 'postgres://conduit@127.0.0.1/conduit',
      JWT_SECRET: 'print',
      DATABASE_POOL_MAX: '1',
      // Unset when deployed: there the event is meant for the bus, which the function does not put it on yet (README).
      BROKER_URL: '',
    });
  });

  describe('when a copy has a mistyped property and an unknown method', () => {
    let dir: string;
    beforeAll(() => {
      // --config must name a file in the working directory, so the broken copy gets a folder of its own.
      dir = mkdtempSync(join(tmpdir(), 'journey-serverless-yml-'));
      symlinkSync(join(PATTERN_DIR, '..', '..', 'node_modules'), join(dir, 'node_modules'));
      copyFileSync(join(AWS_SERVICE_DIR, 'serverless.yml'), join(dir, 'serverless.yml'));
      const broken = readFileSync(join(dir, 'serverless.yml'), 'utf8')
        .replace('  memorySize: 512', '  memorySise: 512')
        .replace('method: GET, path: /api/tags', 'method: FETCH, path: /api/tags');
      writeFileSync(join(dir, 'serverless.yml'), broken);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('then the same offline validation refuses it, naming both', async () => {
      const failure = await print(dir).then(
        () => undefined,
        (error: { stdout: string; stderr: string }) => error.stdout + error.stderr,
      );
      expect(failure).toContain("unrecognized property 'memorySise'");
      expect(failure).toContain("value 'FETCH' does not satisfy pattern");
    });
  });
});
