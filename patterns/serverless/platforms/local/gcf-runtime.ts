import { INSTANCE_SETTINGS } from '../../deploy/gcf/deployment.js';
import { conduitFunctions, eventFunctions } from '../../functions/index.js';
import { cloudEventInvoker } from '../gcf/event-invoke.js';
import { startFunctionInstance } from '../gcf/function-instances.js';
import type { PlatformRuntime, RuntimeStartOptions } from './platform-runtime.js';

/**
 * Connections per instance: a Cloud Functions (2nd gen) instance serves concurrent requests, and so
 * does each local framework process, so one connection would queue them all behind each other.
 */
const GCF_POOL_MAX = '5';

/** `256Mi` → 256: the memory the deploy gives each instance (MiB, taken as the MB the estimate bills). */
const configuredMemoryMb = () => Number.parseInt(INSTANCE_SETTINGS.memory, 10);

/**
 * The functions on the Functions Framework, one process per function: on Cloud Functions each
 * function is its own deployment with its own instances, so each gets its own cold start and its own
 * pool here too. Each process is one instance, which serves concurrent requests as a 2nd gen
 * instance can (up to its concurrency setting); the gateway's cap bounds how many at once.
 */
export async function startGcfRuntime(options: RuntimeStartOptions): Promise<PlatformRuntime> {
  const environment = { DATABASE_POOL_MAX: GCF_POOL_MAX, ...options.environment };
  const started = await Promise.allSettled(
    // The HTTP functions first (targets below go by index), then the event-triggered ones.
    [...conduitFunctions, ...eventFunctions].map(({ name }) =>
      startFunctionInstance(name, { environment, onLine: options.onLine }),
    ),
  );
  const instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return {
    description: 'Functions Framework for Node.js, one process per function (Cloud Run functions)',
    processes: instances.map(({ name, pid }) => ({ name, pid })),
    targets: conduitFunctions.map(({ name, routes }, index) => ({
      name,
      routes,
      url: instances[index]!.url,
    })),
    memoryMb: configuredMemoryMb(),
    invokeEvent: cloudEventInvoker((functionName) => {
      const instance = instances.find(({ name }) => name === functionName);
      if (!instance) throw new Error(`no framework process runs the event function ${functionName}`);
      return instance.url;
    }),
    stop,
    exited: Promise.race(instances.map((instance) => instance.exited)),
  };
}
