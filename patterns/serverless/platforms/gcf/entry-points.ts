import { http } from '@google-cloud/functions-framework';
import { conduitFunctions } from '../../functions/index.js';
import { toGcfHttpFunction } from './http-adapter.js';

/**
 * The module Cloud Functions loads from the source (package `main`): it registers Conduit functions
 * under their names, and the runtime serves the one named by `--entry-point=<name>` deployed,
 * `--target=<name>` locally. Cloud Functions also sets FUNCTION_TARGET (and so does our local function
 * process), so an instance imports only its own function's module: its cold start pays for one
 * handler and its dependencies, not six. Without FUNCTION_TARGET every function is registered.
 */
const target = process.env.FUNCTION_TARGET;
const served = conduitFunctions.filter(({ name }) => target === undefined || name === target);
if (served.length === 0) {
  throw new Error(
    `FUNCTION_TARGET ${target} names no Conduit function (${conduitFunctions.map((f) => f.name)})`,
  );
}

for (const { name, load } of served) http(name, toGcfHttpFunction((await load()).handler));
