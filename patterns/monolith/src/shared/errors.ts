/** Failures any module may raise; `http/error-handler.ts` turns each into its RealWorld status and body. */
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
