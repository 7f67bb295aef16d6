import type { EventEnvelope, EventRules } from './broker.port.js';

/** What every adapter puts on the wire: the validated event as JSON, with its key beside it. */
export function encodeEvent<Event extends EventEnvelope>(event: Event, rules: EventRules<Event>) {
  const valid = rules.validate(event);
  return { id: valid.id, type: valid.type, key: rules.keyOf(valid), body: JSON.stringify(valid) };
}

/** The body back as a value; a body that is not JSON is handed on as the raw text, for the consumer to refuse. */
export function decodeBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
