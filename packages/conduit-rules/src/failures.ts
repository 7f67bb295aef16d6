/**
 * The spec's failure kinds besides validation (ValidationFailed → 422): 404, 403 and 401. Every
 * pattern raises these where its rules live; `@journey/conduit-http` turns them into the wire shape.
 */
export class NotFound extends Error {
  constructor(readonly what: string) {
    super(`${what} not found`);
    this.name = 'NotFound';
  }
}

export class Forbidden extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Forbidden';
  }
}

export class Unauthorized extends Error {
  constructor(message = 'missing or invalid token') {
    super(message);
    this.name = 'Unauthorized';
  }
}
