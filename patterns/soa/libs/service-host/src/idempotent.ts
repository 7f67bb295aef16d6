import { turnsByKey } from '@journey/conduit-http';
import { idempotencyKeys } from '@journey/conduit-sql';
import {
  type FaultCode,
  faultCodes,
  httpStatusOfFault,
  type ServiceFault,
  serviceFault,
} from '@journey/soa-contracts';
import { type OperationHandler, SoapFault, soapFault } from '@journey/soa-soap-kit';
import { callContextOf } from './call-context.js';
import type { EnterpriseData } from './enterprise-data.js';
import { fingerprintOf } from './fingerprint.js';

const KEY_FIELD = 'idempotency-key';
const MAX_KEY_LENGTH = 255;

/** The first outcome of a call, as the keys' table keeps it (its `answer` column, JSON). */
type Outcome = { answer: unknown } | { fault: { code: FaultCode; message: string; detail: ServiceFault } };

/**
 * Safe retries over SOAP (ADR 0011): the bus carries the client's Idempotency-Key in the CallContext
 * header to the service that owns the write. A repeat by the same viewer (or anonymous caller) of the
 * same operation with the same input gets the first answer, or the first declared fault, and runs
 * nothing; the same key with another call is a VALIDATION_FAILED fault on `idempotency-key`.
 *
 * The handler runs inside `handleWithKey`, so its first `data.transaction` inserts the key before its
 * write: key and write commit together, and a second process racing on the key fails its write.
 */
export function idempotent(
  operation: string,
  handler: OperationHandler,
  data: EnterpriseData,
): OperationHandler {
  const keys = idempotencyKeys(data.db);
  // In this process a repeat sent while the first call runs waits for it and gets its answer.
  const turnOf = turnsByKey();
  return async (input, context) => {
    const { viewerId, idempotencyKey: key } = callContextOf(context);
    if (key === undefined) return handler(input, context);
    if (key.length === 0 || key.length > MAX_KEY_LENGTH)
      throw invalidKey(`must be 1 to ${MAX_KEY_LENGTH} characters`);
    const call = {
      scope: viewerId === undefined ? 'anonymous' : String(viewerId),
      key,
      fingerprint: fingerprintOf(operation, input),
      claimed: false,
    };
    const done = await turnOf(`${call.scope}\n${key}`);
    try {
      const stored = await keys.find(call.scope, key);
      if (stored !== undefined) {
        if (stored.fingerprint !== call.fingerprint)
          throw invalidKey('was already used for another request; send a new key');
        if (stored.status === null) throw keyInUse();
        return replay(JSON.parse(stored.answer ?? '{}') as Outcome);
      }
      let outcome: Outcome;
      try {
        outcome = { answer: await keys.handleWithKey(call, () => handler(input, context)) };
      } catch (error) {
        if (isKeyInUse(error)) throw keyInUse();
        const fault = declaredFault(error);
        // An unexpected failure is kept only over a committed write (record() decides): a retry must
        // not write again, but one that failed before writing may run again.
        const kept = fault ?? internalFault();
        await keys
          .record(call, httpStatusOfFault[kept.code], JSON.stringify({ fault: kept }))
          .catch((cause: unknown) => context.log.warn({ err: cause, operation }, 'could not record a fault'));
        throw error;
      }
      await keys
        .record(call, 200, JSON.stringify(outcome))
        // The write stands; only a retry's replay is lost (it gets a fault telling it to retry later).
        .catch((cause: unknown) => context.log.warn({ err: cause, operation }, 'could not record an answer'));
      return outcome.answer;
    } finally {
      done();
    }
  };
}

function replay(outcome: Outcome): unknown {
  if ('answer' in outcome) return outcome.answer;
  const { code, message, detail } = outcome.fault;
  throw soapFault(code, message, detail, code === 'INTERNAL' ? 'Server' : 'Client');
}

function declaredFault(error: unknown) {
  if (!(error instanceof SoapFault) || !(faultCodes as readonly string[]).includes(error.code))
    return undefined;
  return { code: error.code as FaultCode, message: error.message, detail: error.detail as ServiceFault };
}

const internalFault = () => ({
  code: 'INTERNAL' as const,
  message: 'the service failed to answer',
  detail: serviceFault('INTERNAL', {}),
});

const invalidKey = (message: string) =>
  soapFault(
    'VALIDATION_FAILED',
    `${KEY_FIELD} ${message}`,
    serviceFault('VALIDATION_FAILED', { [KEY_FIELD]: [message] }),
  );

/**
 * Another call holds the key (another process's write is still running). The REST answer would be a 409,
 * but the canonical fault codes have no CONFLICT, so it is the closest declared one: a VALIDATION_FAILED
 * on `idempotency-key` telling the client to retry.
 */
const keyInUse = () => invalidKey('is still being answered; retry later to get its answer');

/** conduit-sql's IdempotencyKeyInUse (not exported): the write lost the race for the key and rolled back. */
const isKeyInUse = (error: unknown) =>
  error instanceof Error &&
  error.name === 'IdempotencyKeyInUse' &&
  (error as Error & { statusCode?: number }).statusCode === 409;
