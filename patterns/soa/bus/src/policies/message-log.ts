import type { Logger } from '@journey/platform';
import type { SoapMessages } from '@journey/soa-soap-kit';
import { messageSizeRecorder } from '@journey/telemetry';

/** How one SOAP exchange ended: answered, a fault by its code, or no answer and why. */
export type ExchangeOutcome = 'ok' | `fault ${string}` | 'timeout' | 'unreachable' | 'not-soap';

export interface Exchange {
  service: string;
  /** The contract version the registry resolved, `major.minor`. */
  version: string;
  operation: string;
  endpoint: string;
  durationMs: number;
  outcome: ExchangeOutcome;
}

const recordSize = messageSizeRecorder(
  'soap_message_bytes',
  'SOAP envelopes the bus sent (request) and received (response), in bytes, per target service',
);

const bytesOf = (xml: string | undefined) => (xml === undefined ? 0 : Buffer.byteLength(xml));

/**
 * pattern: an ESB logs every message it mediates. One structured line per exchange, whatever its
 * outcome, with the sizes of both envelopes (also in the `soap_message_bytes` histogram, so the cost of
 * XML over JSON can be measured); the envelopes themselves at debug level (LOG_LEVEL=debug).
 */
export function recordExchange(log: Logger, exchange: Exchange, messages: SoapMessages): void {
  const requestBytes = bytesOf(messages.request);
  const responseBytes = bytesOf(messages.response);
  if (messages.request !== undefined) recordSize(exchange.service, 'request', requestBytes);
  if (messages.response !== undefined) recordSize(exchange.service, 'response', responseBytes);
  const line = {
    ...exchange,
    durationMs: Math.round(exchange.durationMs * 10) / 10,
    requestBytes,
    responseBytes,
  };
  if (exchange.outcome === 'ok' || exchange.outcome.startsWith('fault ')) log.info(line, 'soap exchange');
  else log.warn(line, 'soap exchange without an answer');
  if (log.isLevelEnabled('debug'))
    log.debug({ ...line, request: messages.request, response: messages.response }, 'soap envelopes');
}
