import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePublishedEvent } from '../../core/event-catalogue.js';
import { eventFunctions } from '../../functions/index.js';
import {
  type AzureEventRegistration,
  azureEventRegistrations,
  SERVICE_BUS_CONNECTION,
} from '../../platforms/azure/event-registrations.js';
import { type EventDatabase, eventDatabase } from '../events/event-database.js';

/**
 * The event functions as the Functions host would call them from their Service Bus queue: the
 * registrations' options are checked (no host here), then the registered handler is called with
 * @azure/functions' own InvocationContext, on a fresh SQLite database.
 */
describe('Azure event function registrations (Service Bus queue triggers)', () => {
  let registrations: AzureEventRegistration[];
  let database: EventDatabase;
  beforeAll(async () => {
    registrations = azureEventRegistrations(
      await Promise.all(
        eventFunctions.map(async ({ trigger, load }) => ({ trigger, definition: (await load()).definition })),
      ),
    );
    database = await eventDatabase('sqlite');
    await database.follow(2, 1);
  });
  afterAll(() => database?.dispose());

  const context = () => new InvocationContext({ invocationId: 'inv-7', functionName: 'notify-followers' });
  const notifyFollowers = () => registrations.find(({ name }) => name === 'notify-followers')!.options;

  it('when the app registers its event functions, then each listens on the queue named after its event type, through the connection setting', () => {
    expect(
      registrations.map(({ name, options: { queueName, connection } }) => ({ name, queueName, connection })),
    ).toEqual(
      eventFunctions.map(({ name, trigger }) => ({
        name,
        queueName: trigger,
        connection: SERVICE_BUS_CONNECTION,
      })),
    );
  });

  it('when the host hands notify-followers a message, then the followers are notified and the message completes', async () => {
    const event = articlePublishedEvent({
      articleId: 21,
      slug: 'azure',
      authorId: 1,
      title: 'Azure',
      publishedAt: '2026-12-06T10:00:00.000Z',
    });
    expect(await notifyFollowers().handler(event, context())).toBe('handled');
    expect(await database.notified(21)).toEqual([2]);
  });

  it('when the message is malformed, then it completes as refused instead of being abandoned for redelivery', async () => {
    expect(await notifyFollowers().handler({ hello: 'world' }, context())).toBe('refused');
  });
});
