import { createLogger } from '@journey/platform';
import type { DatabaseChoice } from '@journey/provisioning';
import { realWorldErrors, type ServiceFault, type ServiceName } from '@journey/soa-contracts';
import {
  buildSoapService,
  type EndpointsOf,
  endpointPath,
  openEnterpriseData,
} from '@journey/soa-service-host';
import { type SoapClient, SoapFaultError, type SoapVersion, soapClient } from '@journey/soa-soap-kit';
import { expect } from 'vitest';
import { scratchDatabase } from './scratch-database.js';

const logger = createLogger('soa-service-test', 'silent');

/** Who calls, as the bus states it in the CallContext header. */
export interface Caller {
  viewer?: number;
  idempotencyKey?: string;
}

/**
 * An enterprise service built by its own endpoints on a throw-away database, listening on a free
 * port, and called through a client built at run time from the WSDL it serves, as the bus calls it.
 * The test opens the shared database too, to seed what other services own and check what committed.
 */
export async function serveEnterpriseService(
  service: ServiceName,
  choice: DatabaseChoice,
  endpoints: EndpointsOf,
) {
  const scratch = await scratchDatabase(choice, service);
  const host = await buildSoapService({ service, databaseUrl: scratch.url, logger, endpoints });
  const origin = await host.app.listen({ port: 0, host: '127.0.0.1' });
  const data = await openEnterpriseData(scratch.url);
  const endpoint = (major: number) => `${origin}${endpointPath(service, major)}`;
  return {
    db: data.db,
    /**
     * A consumer of version `major` of the contract, built from the WSDL the service serves; `at` sends
     * its calls to another version's endpoint (a v1 consumer of a v2 service).
     */
    client: async (major: number, options: { soapVersion?: SoapVersion; at?: number } = {}) =>
      callerOf(
        await soapClient(`${endpoint(major)}?wsdl`, {
          timeoutMs: 10_000,
          soapVersion: options.soapVersion ?? '1.1',
          endpoint: endpoint(options.at ?? major),
        }),
      ),
    async stop() {
      await data.close();
      await host.close();
      await scratch.dispose();
    },
  };
}

/** `call(operation, input, caller)`: the CallContext header written from the caller. */
export function callerOf(client: SoapClient) {
  return <Output = Record<string, unknown>>(operation: string, input: object, caller: Caller = {}) =>
    client.call<Output>(operation, input, {
      headers: {
        CallContext: {
          ...(caller.viewer !== undefined && { viewerId: caller.viewer }),
          ...(caller.idempotencyKey !== undefined && { idempotencyKey: caller.idempotencyKey }),
        },
      },
    });
}

/** The declared fault a call answered, as the bus reads it: its code and the RealWorld errors. */
export async function faultOf(
  call: Promise<unknown>,
): Promise<{ code: string; errors: Record<string, string[]> }> {
  const error = await call.then(
    (answer) => {
      throw new Error(`expected a fault, got an answer: ${JSON.stringify(answer)}`);
    },
    (fault: unknown) => fault,
  );
  expect(error).toBeInstanceOf(SoapFaultError);
  const fault = error as SoapFaultError;
  expect(fault.declared, `fault ${fault.code} is a declared ServiceFault`).toBe(true);
  return { code: fault.code, errors: realWorldErrors(fault.detail as unknown as ServiceFault).errors };
}
