import type { FaultCode, ServiceFault } from './canonical.js';

/**
 * The HTTP status the bus answers for each fault code. BAD_REQUEST means a service refused the
 * envelope the bus sent (malformed, hostile, schema-invalid, wrong SOAPAction): the client did
 * nothing wrong, so it is a 500 like INTERNAL.
 */
export const httpStatusOfFault: Readonly<Record<FaultCode, number>> = {
  VALIDATION_FAILED: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 500,
  INTERNAL: 500,
};

/** The RealWorld error body of a fault's detail: `{"errors":{field:[messages]}}`. */
export function realWorldErrors(fault: ServiceFault): { errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  for (const field of fault.errors.field)
    errors[field.name] = [...(errors[field.name] ?? []), ...field.message];
  return { errors };
}

/** The fault detail of a RealWorld error body, the inverse of {@link realWorldErrors}. */
export function serviceFault(code: FaultCode, errors: Record<string, readonly string[]>): ServiceFault {
  return {
    code,
    errors: { field: Object.entries(errors).map(([name, message]) => ({ name, message: [...message] })) },
  };
}
