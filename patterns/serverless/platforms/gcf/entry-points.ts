import { cloudEvent, http } from '@google-cloud/functions-framework';
import { conduitFunctions, eventFunctions } from '../../functions/index.js';
import { toCloudEventFunction } from './cloud-event-adapter.js';
import { toGcfHttpFunction } from './http-adapter.js';

/**
 * The module Cloud Functions loads from the source (package `main`): it registers Conduit functions
 * under their names, and the runtime serves the one named by `--entry-point=<name>` deployed,
 * `--target=<name>` locally. Cloud Functions also sets FUNCTION_TARGET (and so does our local function
 * process), so an instance imports only its own function's module: its cold start pays for one
 * handler and its dependencies, not six. Without FUNCTION_TARGET every function is registered.
 */
const target = process.env.FUNCTION_TARGET;
const isServed = ({ name }: { name: string }) => target === undefined || name === target;
const served = conduitFunctions.filter(isServed);
const servedEvents = eventFunctions.filter(isServed);
if (served.length + servedEvents.length === 0) {
  const names = [...conduitFunctions, ...eventFunctions].map((f) => f.name);
  throw new Error(`FUNCTION_TARGET ${target} names no Conduit function (${names})`);
}

for (const { name, load } of served) http(name, toGcfHttpFunction((await load()).handler));
// An event function is registered for CloudEvents: its topic's messages, delivered by Eventarc.
for (const { name, load } of servedEvents) cloudEvent(name, toCloudEventFunction((await load()).definition));
