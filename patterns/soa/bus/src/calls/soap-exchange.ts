import type { Logger } from '@journey/platform';
import type { CallContext, ServiceName } from '@journey/soa-contracts';
import { SoapCallError, SoapFaultError, type SoapMessages } from '@journey/soa-soap-kit';
import { type DownstreamOutcome, tracedCall } from '@journey/telemetry';
import { type ExchangeOutcome, recordExchange } from '../policies/message-log.js';
import type { ServiceRouter } from '../routing/service-router.js';

export interface ExchangeRequest {
  service: ServiceName;
  major: number;
  operation: string;
  input: object;
  context: CallContext;
  timeoutMs: number;
}

/**
 * One attempt of one operation, the only place a SOAP message leaves the bus: an instance from the
 * registry, a client span `<service>.<Operation>` whose W3C trace context rides in the HTTP headers, the
 * `downstream_request_duration_seconds` sample (target = the service), and the message-log line.
 */
export async function exchange(
  router: ServiceRouter,
  log: Logger,
  request: ExchangeRequest,
): Promise<unknown> {
  const { service, major, operation, input, context } = request;
  const routed = await router.route(service, major);
  const started = performance.now();
  let messages: SoapMessages = { request: undefined, response: undefined };
  let outcome: ExchangeOutcome = 'ok';
  try {
    return await tracedCall(
      {
        target: service,
        route: `v${major}/${operation}`,
        spanName: `${service}.${operation}`,
        attributes: {
          'rpc.system': 'soap',
          'rpc.service': service,
          'rpc.method': operation,
          'soa.contract.version': routed.version,
          'url.full': routed.endpoint,
        },
      },
      (httpHeaders) =>
        routed.client.call(operation, input, {
          // No header at all for an anonymous read: the contract's CallContext is optional.
          headers: Object.keys(context).length > 0 ? { CallContext: context } : {},
          httpHeaders,
          timeoutMs: request.timeoutMs,
          onMessages: (exchanged) => {
            messages = exchanged;
          },
        }),
      telemetryOutcome,
    );
  } catch (error) {
    outcome = exchangeOutcome(error);
    throw error;
  } finally {
    recordExchange(
      log,
      {
        service,
        version: routed.version,
        operation,
        endpoint: routed.endpoint,
        durationMs: performance.now() - started,
        outcome,
      },
      messages,
    );
  }
}

function exchangeOutcome(error: unknown): ExchangeOutcome {
  if (error instanceof SoapFaultError) return `fault ${error.code}`;
  if (error instanceof SoapCallError) return error.reason;
  return 'unreachable';
}

/** A declared fault is the service's answer (like an HTTP 4xx); anything else is its failure. */
function telemetryOutcome(error: unknown): DownstreamOutcome {
  if (error instanceof SoapFaultError) return error.declared ? 'ok' : 'error';
  return error instanceof SoapCallError && error.reason === 'timeout' ? 'timeout' : 'error';
}
