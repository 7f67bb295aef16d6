import { ErrorResponse, type OperationId, routes } from '@journey/contract';
import type { Static, TSchema } from '@sinclair/typebox';
import type { OpReply, Reply } from './client.js';
import { preview, schemaErrors, schemaName } from './schema.js';

/** The body type an operation's success reply has, from the contract's schema. */
export type ResponseOf<Op extends OperationId> = (typeof routes)[Op] extends {
  response: infer S extends TSchema;
}
  ? Static<S>
  : undefined;

export type FieldErrors = Record<string, string[]>;

/** A check's verdict; its message is the whole report, so it says what was sent and what came back. */
export class CheckFailed extends Error {
  override name = 'CheckFailed';
}

export function fail(message: string): never {
  throw new CheckFailed(message);
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (!Object.is(actual, expected)) fail(`${what} is ${preview(actual)}, expected ${preview(expected)}`);
}

/** The reply, cut short, for messages. */
export function describeReply(reply: Reply): string {
  const text = reply.text.length > 300 ? `${reply.text.slice(0, 300)}…` : reply.text;
  return `${reply.request} answered ${reply.status}${text ? ` ${text}` : ' (empty body)'}`;
}

export function expectStatus(reply: Reply, expected: number | readonly number[]): void {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  if (!allowed.includes(reply.status)) fail(`${describeReply(reply)}; expected ${allowed.join(' or ')}`);
}

export function expectSchema(reply: Reply, schema: TSchema): void {
  if (reply.body === undefined) fail(`${describeReply(reply)}; expected a JSON ${schemaName(schema)}`);
  const errors = schemaErrors(schema, reply.body);
  if (errors.length > 0) {
    fail(`${reply.request}: body does not match ${schemaName(schema)}: ${errors.join('; ')}`);
  }
}

/**
 * The reply is the operation's success: the contract's status, and a body that matches the contract's
 * response schema. Returns the typed body.
 */
export function ok<Op extends OperationId>(reply: OpReply<Op>): ResponseOf<Op> {
  const route = routes[reply.op];
  expectStatus(reply, route.status);
  if ('response' in route) expectSchema(reply, route.response);
  return reply.body as ResponseOf<Op>;
}

/** The reply is an error with one of the given statuses, in the RealWorld error shape. Returns its errors. */
export function fails(reply: Reply, status: number | readonly number[]): FieldErrors {
  expectStatus(reply, status);
  expectSchema(reply, ErrorResponse);
  return (reply.body as { errors: FieldErrors }).errors;
}

/** A 422 whose errors name `field`, as `{"errors":{"email":["can't be blank"]}}`. */
export function failsOnField(reply: Reply, field: string): FieldErrors {
  const errors = fails(reply, 422);
  assert(
    (errors[field]?.length ?? 0) > 0,
    `${reply.request}: expected an error for "${field}", got ${preview(errors, 200)}`,
  );
  return errors;
}

/**
 * Runs every step even when one fails, then fails with all their messages, so one run shows every
 * endpoint that gets something wrong instead of only the first.
 */
export async function allOf(steps: Array<() => unknown>): Promise<void> {
  const failures: string[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (failures.length > 0) fail(failures.join(' | '));
}
