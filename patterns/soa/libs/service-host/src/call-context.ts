import { type CallContext, serviceFault } from '@journey/soa-contracts';
import { type OperationContext, soapFault } from '@journey/soa-soap-kit';

/**
 * On whose behalf the bus calls, from the operation's `c:CallContext` SOAP header (already read by the
 * XSD: `viewerId` a number). No header is an anonymous call without a key.
 */
export function callContextOf(context: OperationContext): CallContext {
  const header = context.headers.CallContext;
  if (header === undefined || header === null || typeof header !== 'object') return {};
  const { viewerId, idempotencyKey } = header as CallContext;
  return {
    ...(typeof viewerId === 'number' ? { viewerId } : {}),
    ...(typeof idempotencyKey === 'string' ? { idempotencyKey } : {}),
  };
}

/**
 * The viewer an operation needs. The bus verified the token and named the viewer; a call without
 * one is refused as RealWorld refuses a missing token.
 */
export function requireViewer(context: OperationContext): number {
  const { viewerId } = callContextOf(context);
  if (viewerId === undefined) {
    throw soapFault(
      'UNAUTHORIZED',
      `${context.operation} needs a viewer in the CallContext header`,
      serviceFault('UNAUTHORIZED', { token: ['is missing'] }),
    );
  }
  return viewerId;
}
