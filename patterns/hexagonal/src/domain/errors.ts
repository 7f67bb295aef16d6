/**
 * Failures the core raises in its own words. Driving adapters translate them: the HTTP adapter into
 * 404/403/401 in the RealWorld shape, the CLI into a message and exit code. Validation failures use
 * `ValidationFailed` from @journey/conduit-rules, the spec's shared rule helpers.
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
