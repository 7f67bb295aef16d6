import { type DomainEvent, keyOf, validateEvent } from '@journey/event-driven-events';

/** What every adapter puts on the wire: the validated envelope as JSON, with its key beside it. */
export function encodeEvent(event: DomainEvent) {
  const valid = validateEvent(event);
  return { id: valid.id, type: valid.type, key: keyOf(valid), body: JSON.stringify(valid) };
}

/** The body back as a value; a body that is not JSON is handed on as the raw text, for the consumer to refuse. */
export function decodeBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
