/**
 * What a use case may answer besides success. The http layer maps each to its status; a broken
 * field rule arrives as `ValidationFailed` from `@journey/conduit-rules` (422).
 */
export class NotFound extends Error {
  constructor(readonly what: 'article' | 'comment' | 'profile' | 'user') {
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
