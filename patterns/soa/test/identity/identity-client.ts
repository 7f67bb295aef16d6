import type { CallContext, IdentityV1, ServiceFault } from '@journey/soa-contracts';
import { httpStatusOfFault, realWorldErrors } from '@journey/soa-contracts';
import { SoapFaultError, soapClient } from '@journey/soa-soap-kit';

/**
 * The identity service as its consumers see it: a client the kit builds at run time from the WSDL the
 * service serves, typed by the contract's messages.
 */
export async function identityClient(wsdlUrl: string) {
  const client = await soapClient(wsdlUrl, { timeoutMs: 10_000 });
  return {
    call<Op extends keyof IdentityV1>(
      operation: Op,
      input: IdentityV1[Op]['request'],
      callContext?: CallContext,
    ): Promise<IdentityV1[Op]['response']> {
      return client.call(operation, input, callContext ? { headers: { CallContext: callContext } } : {});
    },

    /** The declared fault a call answers, as the bus maps it: HTTP status and RealWorld errors. */
    async fault<Op extends keyof IdentityV1>(
      operation: Op,
      input: IdentityV1[Op]['request'],
      callContext?: CallContext,
    ) {
      try {
        await this.call(operation, input, callContext);
      } catch (error) {
        if (!(error instanceof SoapFaultError) || !error.declared) throw error;
        const detail = error.detail as unknown as ServiceFault;
        return { code: detail.code, status: httpStatusOfFault[detail.code], ...realWorldErrors(detail) };
      }
      throw new Error(`${operation} answered, but a fault was expected`);
    },
  };
}

export type IdentityClient = Awaited<ReturnType<typeof identityClient>>;
