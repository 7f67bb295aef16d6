import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { conduitFunctions } from '../../functions/index.js';
import { lambdaEventInvoker } from '../aws/event-invoke.js';
import { AWS_SERVICE_DIR, startOffline } from '../aws/offline.js';
import { freePort } from './free-port.js';
import type { PlatformRuntime, RuntimeStartOptions } from './platform-runtime.js';

/**
 * One connection per instance: a Lambda instance serves one invocation at a time, so a second
 * connection would sit idle while counting against PostgreSQL's limit.
 */
const LAMBDA_POOL_MAX = '1';

/** The memory serverless.yml gives every function, which Lambda bills by. */
function configuredMemoryMb(): number {
  const config = parse(readFileSync(join(AWS_SERVICE_DIR, 'serverless.yml'), 'utf8')) as {
    provider?: { memorySize?: unknown };
  };
  const memory = config.provider?.memorySize;
  if (typeof memory !== 'number') throw new Error('serverless.yml sets no provider.memorySize');
  return memory;
}

/**
 * The functions on serverless-offline, Lambda's local emulation, on two free ports: a worker per
 * concurrent invocation, reused while warm and stopped after `idleSeconds` idle. Every function is
 * behind its one HTTP API, which routes by serverless.yml; the gateway in front only adds the cap.
 */
export async function startAwsRuntime(
  options: RuntimeStartOptions & { idleSeconds: number },
): Promise<PlatformRuntime> {
  const memoryMb = configuredMemoryMb();
  const lambdaPort = await freePort();
  const offline = await startOffline({
    httpPort: await freePort(),
    lambdaPort,
    environment: { DATABASE_POOL_MAX: LAMBDA_POOL_MAX, ...options.environment },
    idleSeconds: options.idleSeconds,
    noTimeout: true,
    onLine: options.onLine,
  });
  return {
    description: 'serverless-offline 13 (AWS Lambda behind an API Gateway HTTP API)',
    processes: [{ name: 'serverless-offline', pid: offline.pid }],
    targets: conduitFunctions.map(({ name, routes }) => ({ name, routes, url: offline.baseUrl })),
    memoryMb,
    invokeEvent: lambdaEventInvoker(`http://127.0.0.1:${lambdaPort}`),
    stop: offline.stop,
    exited: offline.exited,
  };
}
