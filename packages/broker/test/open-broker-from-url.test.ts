import { envelopeOnly, openBrokerFromUrl } from '@journey/broker';
import { createLogger } from '@journey/platform';
import { describe, expect, it } from 'vitest';

const settings = { namespace: 'x', events: envelopeOnly, logger: createLogger('broker-url-test', 'silent') };

describe('opening a broker from its URL', () => {
  it('when the URL names no broker we know, then the error lists the forms', async () => {
    await expect(openBrokerFromUrl('mqtt://127.0.0.1:1883', settings)).rejects.toThrow(
      /BROKER_URL "mqtt:\/\/127.0.0.1:1883" names no broker we know: use embedded:<path of the log file>, amqp:\/\/…, nats:\/\/…, kafka:\/\/<host:port>\[,<host:port>…\]/,
    );
  });

  it('when an embedded URL names no file, then the error says so', async () => {
    await expect(openBrokerFromUrl('embedded:', settings)).rejects.toThrow(/names no log file/);
  });

  it('when a Kafka URL names no broker, then the error says so', async () => {
    await expect(openBrokerFromUrl('kafka://', settings)).rejects.toThrow(
      /names no broker: use kafka:\/\/<host:port>/,
    );
  });
});

describe('envelope-only rules', () => {
  it('when an event has an id and a type, then it passes with no key', () => {
    const event = { id: 'e1', type: 'Anything' };
    expect(envelopeOnly.validate(event)).toBe(event);
    expect(envelopeOnly.keyOf(event)).toBe('');
  });

  it('when the id or the type is missing, then it is refused showing the event', () => {
    expect(() => envelopeOnly.validate({ id: '', type: 'Anything' })).toThrow(
      /not an event envelope.*"type":"Anything"/,
    );
    expect(() => envelopeOnly.validate({ id: 'e1' } as never)).toThrow(/not an event envelope/);
  });
});
