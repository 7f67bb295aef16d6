import { app } from '@azure/functions';
import { conduitFunctions, eventFunctions } from '../../functions/index.js';
import { azureEventRegistrations } from './event-registrations.js';
import { azureHttpRegistrations } from './registrations.js';

/**
 * The function app's entry module (package `main`): the Functions host's Node.js worker imports it
 * and records every `app.http` and `app.serviceBusQueue` call as a function. One function app holds
 * the whole API and its event functions, so every handler is loaded when an instance starts.
 */
const functions = await Promise.all(
  conduitFunctions.map(async ({ name, routes, load }) => ({ name, routes, handler: (await load()).handler })),
);

for (const { name, options } of azureHttpRegistrations(functions)) app.http(name, options);

const events = await Promise.all(
  eventFunctions.map(async ({ trigger, load }) => ({ trigger, definition: (await load()).definition })),
);
for (const { name, options } of azureEventRegistrations(events)) app.serviceBusQueue(name, options);
