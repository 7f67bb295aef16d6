import { Type } from '@sinclair/typebox';

/** Ids are the owners' integer keys (conduit-sql's primaryId in every service's group); they never change. */
export const Id = Type.Integer({ minimum: 1 });
export const Timestamp = Type.String({ format: 'date-time' });
export const Text = Type.String({ minLength: 1 });
export const NullableText = Type.Union([Type.String(), Type.Null()]);
export const Tags = Type.Array(Type.String({ minLength: 1 }));

export const strict = { additionalProperties: false } as const;
