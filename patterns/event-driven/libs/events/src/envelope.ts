import { type Static, type TObject, Type } from '@sinclair/typebox';

/** The services that own data and therefore publish facts about it (ADR 0006's ownership). */
export type Producer = 'identity' | 'profiles' | 'articles' | 'comments';

/**
 * The services that consume events, each as one durable consumer group named after it: profiles and
 * comments keep replicas of what they need from others, views keeps every read model.
 */
export type Consumer = 'profiles' | 'comments' | 'views';

export interface EventDefinition<Name extends string, Version extends number, Payload extends TObject> {
  type: Name;
  version: Version;
  producer: Producer;
  consumers: readonly Consumer[];
  /** One sentence for EVENTS.md: the fact, in the past tense. */
  meaning: string;
  payload: Payload;
  /**
   * What the fact is about. `<aggregate>:<id>` is the message key: events with the same key arrive
   * in publish order where the broker promises order, so an article's Published never overtakes its Deleted.
   */
  aggregate: 'user' | 'follower' | 'article';
  aggregateId(payload: Static<Payload>): number;
  /** The whole message: envelope fields plus this event's payload. */
  schema: ReturnType<typeof envelopeSchema<Name, Version, Payload>>;
}

const envelopeSchema = <Name extends string, Version extends number, Payload extends TObject>(
  type: Name,
  version: Version,
  producer: Producer,
  payload: Payload,
) =>
  Type.Object(
    {
      id: Type.String({ format: 'uuid' }),
      type: Type.Literal(type),
      version: Type.Literal(version),
      occurredAt: Type.String({ format: 'date-time' }),
      producer: Type.Literal(producer),
      payload,
    },
    { additionalProperties: false },
  );

export function defineEvent<Name extends string, Version extends number, Payload extends TObject>(
  definition: Omit<EventDefinition<Name, Version, Payload>, 'schema'>,
): EventDefinition<Name, Version, Payload> {
  return {
    ...definition,
    schema: envelopeSchema(definition.type, definition.version, definition.producer, definition.payload),
  };
}
