import type { AddressInfo } from 'node:net';
import type { HttpFunction } from '@google-cloud/functions-framework';
import { getFunction, getTestServer } from '@google-cloud/functions-framework/testing';
import { env, runService } from '@journey/platform';
import { closeFunctionDatabase } from '../../core/database.js';
import { closeEventPublisher } from '../../core/event-publisher.js';
import type { InstanceListening } from './function-instances.js';
import { passRefusedBodiesTo } from './parse-refusal-fallback.js';

/**
 * One instance of one Cloud Function, as `functions-framework --target=<name>` runs it: the framework's
 * own Express server (its body parsers, execution ids, CloudEvent decoding) around the registered
 * function. Started through the framework's public `getTestServer` rather than its CLI because the CLI
 * cannot listen on port 0 and report the port it got, which the local runtime needs to start many.
 */
const target = env.string('FUNCTION_TARGET');
if (!target) throw new Error('FUNCTION_TARGET must name the function this instance serves');

runService(`gcf function ${target}`, {
  settings: () => ({
    port: env.integer('PORT', 8080, { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
  }),
  build: async () => {
    await import('./entry-points.js');
    const server = getTestServer(target);
    const fn = getFunction(target) as HttpFunction;
    passRefusedBodiesTo(server, fn);
    return {
      app: {
        listen: ({ port, host }) =>
          new Promise<string>((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, host, () => {
              const { address, port: bound } = server.address() as AddressInfo;
              const url = `http://${address}:${bound}`;
              // The local runtime that started us learns the port over IPC, whatever LOG_LEVEL hides.
              process.send?.({ listening: url } satisfies InstanceListening);
              resolve(url);
            });
          }),
      },
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await closeFunctionDatabase();
        await closeEventPublisher();
      },
    };
  },
});
