import type { AddressInfo } from 'node:net';
import { env, runService } from '@journey/platform';
import { conduitFunctions } from '../../functions/index.js';
import { startFunctionInstance } from './function-instances.js';
import { createGateway } from './gateway.js';

/**
 * The Conduit API on the Google Cloud Functions runtime, locally: one functions-framework process per
 * function (each function is its own deployment with its own instances on GCF, so each gets its own
 * cold start and its own database pool here too) behind a gateway on PORT that routes by the function
 * map. `node --import tsx patterns/serverless/platforms/gcf/serve.ts`; SIGTERM stops every instance.
 */
runService('gcf runtime', {
  settings: () => ({
    port: env.integer('PORT', 3000, { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
  }),
  build: async (log) => {
    const started = await Promise.allSettled(conduitFunctions.map(({ name }) => startFunctionInstance(name)));
    const instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const stopInstances = () => Promise.all(instances.map((instance) => instance.stop()));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await stopInstances();
      throw failed.reason;
    }
    const gateway = createGateway(
      conduitFunctions.map(({ name, routes }, index) => ({ name, routes, url: instances[index]!.url })),
    );
    log.info(
      { functions: instances.map(({ name, pid, url }) => ({ name, pid, url })) },
      'gcf functions started',
    );
    return {
      app: {
        listen: ({ port, host }) =>
          new Promise<string>((resolve, reject) => {
            gateway.once('error', reject);
            gateway.listen(port, host, () => {
              const { address, port: bound } = gateway.address() as AddressInfo;
              resolve(`http://${address}:${bound}`);
            });
          }),
      },
      close: async () => {
        await new Promise<void>((resolve) => gateway.close(() => resolve()));
        await stopInstances();
      },
    };
  },
});
