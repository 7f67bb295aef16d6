import { fieldTaken, ValidationFailed } from '@journey/conduit-rules';
import { violatedField } from '@journey/conduit-sql';
import { serviceFault } from '@journey/soa-contracts';
import { type OperationHandler, soapFault } from '@journey/soa-soap-kit';

/**
 * Lets the shared rules (@journey/conduit-rules) speak SOAP: their ValidationFailed, with the same
 * RealWorld field messages every pattern answers, leaves as a declared VALIDATION_FAILED fault whose
 * detail the bus turns back into `{"errors":{…}}`.
 */
export function answeringRuleFailures(handler: OperationHandler): OperationHandler {
  return async (input, context) => {
    try {
      return await handler(input, context);
    } catch (error) {
      if (error instanceof ValidationFailed)
        throw soapFault('VALIDATION_FAILED', error.message, serviceFault('VALIDATION_FAILED', error.errors));
      throw error;
    }
  };
}

/**
 * A unique username or email another account holds. The database's UNIQUE constraints decide, so two
 * racing registrations cannot both pass; the rules give the message.
 */
export function takenField(error: unknown): never {
  const field = violatedField(error);
  if (field) throw fieldTaken(field);
  throw error;
}

/** A viewer the bus vouched for whose account is gone: as good as no token. */
export const viewerGone = (operation: string) =>
  soapFault(
    'UNAUTHORIZED',
    `${operation}: the viewer's account no longer exists`,
    serviceFault('UNAUTHORIZED', { token: ['the user of this token no longer exists'] }),
  );

export const profileNotFound = (username: string) =>
  soapFault('NOT_FOUND', `no profile ${username}`, serviceFault('NOT_FOUND', { profile: ['not found'] }));
