import { Forbidden, NotFound, ValidationFailed } from '@journey/conduit-rules';
import { serviceFault } from '@journey/soa-contracts';
import { type OperationHandler, soapFault } from '@journey/soa-soap-kit';

/**
 * The shared Conduit rules throw their own failures (ValidationFailed, NotFound, Forbidden); a SOAP
 * consumer gets them as the declared ServiceFault with the same RealWorld field errors the other
 * patterns answer, which the bus turns back into 422, 404 and 403. Anything else passes through:
 * the kit answers it as an internal fault and logs it.
 */
export function answeringRuleFaults(handler: OperationHandler): OperationHandler {
  return async (input, context) => {
    try {
      return await handler(input, context);
    } catch (error) {
      throw faultOf(error) ?? error;
    }
  };
}

function faultOf(error: unknown) {
  if (error instanceof ValidationFailed)
    return soapFault('VALIDATION_FAILED', error.message, serviceFault('VALIDATION_FAILED', error.errors));
  if (error instanceof NotFound)
    return soapFault('NOT_FOUND', error.message, serviceFault('NOT_FOUND', { [error.what]: ['not found'] }));
  if (error instanceof Forbidden)
    return soapFault('FORBIDDEN', error.message, serviceFault('FORBIDDEN', { body: [error.message] }));
  return undefined;
}
