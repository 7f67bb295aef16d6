/**
 * A client error the core finds before any Conduit rule runs (a body that is not JSON, too large, an
 * Idempotency-Key used for another request…), with the field it names in the RealWorld error shape.
 */
export class RequestRefused extends Error {
  constructor(
    readonly statusCode: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestRefused';
  }
}
