import { errorBody } from '@journey/conduit-http';
import { httpStatusOfFault, realWorldErrors, type ServiceFault } from '@journey/soa-contracts';
import { SoapFaultError } from '@journey/soa-soap-kit';
import type { FastifyInstance } from 'fastify';
import { ServiceUnavailable } from './service-unavailable.js';

const INTERNAL = errorBody('body', 'internal error, see the server log');

/**
 * Turns what the services answered into the REST API's answers, for the routes registered in `scope`:
 * - a declared fault is the service's verdict: its code's status (`httpStatusOfFault`) and its field
 *   errors as the RealWorld body (`realWorldErrors`);
 * - an undeclared fault is a 500: side Client means the service refused the envelope the bus wrote (a
 *   bug in the bus, logged as such), side Server that the service failed;
 * - no answer (ServiceUnavailable) is a 503 at once naming the service, like the microservices gateway.
 * Anything else goes on to the server's own error handler (Conduit's 401/404/422 and the 500).
 */
export function answerServiceFaults(scope: FastifyInstance): void {
  scope.setErrorHandler((error, request, reply) => {
    if (error instanceof ServiceUnavailable) {
      request.log.warn({ service: error.service, reason: error.message }, 'service unavailable');
      return reply
        .code(503)
        .send(
          errorBody(
            error.service,
            error.outcomeUnknown
              ? 'service unavailable; the write may have been saved (an Idempotency-Key makes sending it again safe)'
              : 'service unavailable',
          ),
        );
    }
    if (error instanceof SoapFaultError) {
      if (error.declared) {
        const fault = error.detail as unknown as ServiceFault;
        const status = httpStatusOfFault[fault.code] ?? 500;
        if (status >= 500) request.log.error({ err: error, fault }, 'a service answered an internal fault');
        return reply.code(status).send(realWorldErrors(fault));
      }
      request.log.error(
        { err: error, code: error.code, detail: error.detail },
        error.side === 'Client'
          ? 'a service refused the envelope the bus sent: a bug in the bus'
          : 'a service failed to answer',
      );
      return reply.code(500).send(INTERNAL);
    }
    throw error;
  });
}
