import { randomUUID } from 'node:crypto';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import './formats.js';
import { catalogue, type DomainEvent, type EventType, type PayloadOf } from './catalogue.js';

/** A message that is not an event of the catalogue, with what is wrong and where. */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
  constructor(
    message: string,
    readonly eventType: string | undefined,
    readonly eventVersion: number | undefined,
    readonly field: string,
  ) {
    super(message);
  }
}

const byTypeAndVersion = new Map(
  catalogue.map((definition) => [
    `${definition.type}@${definition.version}`,
    { definition, check: TypeCompiler.Compile(definition.schema) },
  ]),
);

const definitionOf = (type: string, version: number) => byTypeAndVersion.get(`${type}@${version}`);

/**
 * pattern: the catalogue is the contract between services. Publishers validate before anything
 * leaves their database, consumers validate before they trust a message; both get the same error.
 */
export function validateEvent(message: unknown): DomainEvent {
  const { type, version } = (message ?? {}) as { type?: unknown; version?: unknown };
  const typeName = typeof type === 'string' ? type : undefined;
  const versionNumber = typeof version === 'number' ? version : undefined;
  const known = typeName && versionNumber !== undefined ? definitionOf(typeName, versionNumber) : undefined;
  if (!known) {
    const field = typeName ? '/version' : '/type';
    throw new InvalidEventError(
      `not an event of the catalogue: type ${JSON.stringify(type)} version ${JSON.stringify(version)}`,
      typeName,
      versionNumber,
      field,
    );
  }
  const first = known.check.Errors(message).First();
  if (first) {
    const field = first.path || '/';
    throw new InvalidEventError(
      `invalid ${typeName} v${versionNumber} event: ${field} ${first.message}`,
      typeName,
      versionNumber,
      field,
    );
  }
  return message as DomainEvent;
}

/** The key under which the broker keeps this event in order with its aggregate's other events. */
export function keyOf(event: DomainEvent): string {
  const known = definitionOf(event.type, event.version)!;
  const aggregateId = known.definition.aggregateId as (payload: DomainEvent['payload']) => number;
  return `${known.definition.aggregate}:${aggregateId(event.payload)}`;
}

/**
 * The catalogue as the broker takes it (@journey/broker's EventRules): every event is validated before
 * it is published, and carries its aggregate's key.
 */
export const eventRules = { validate: validateEvent, keyOf };

/** A new, valid event of the latest version of `type`, stamped now with a fresh id. */
export function createEvent<T extends EventType>(
  type: T,
  payload: PayloadOf<T>,
): Extract<DomainEvent, { type: T }> {
  const definition = catalogue.filter((d) => d.type === type).at(-1)!;
  return validateEvent({
    id: randomUUID(),
    type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    producer: definition.producer,
    payload,
  }) as Extract<DomainEvent, { type: T }>;
}
