import { routesOf } from '../core/function-routes.js';
import type { FunctionRoute } from '../core/function-types.js';
import type { FunctionPlan } from '../core/operation.js';
import { articlesPlan } from './articles/plan.js';
import { commentsPlan } from './comments/plan.js';
import { feedPlan } from './feed/plan.js';
import { profilesPlan } from './profiles/plan.js';
import { tagsPlan } from './tags/plan.js';
import { usersPlan } from './users/plan.js';

/** One deployable function: its name, the module exporting its `handler`, and the routes it answers. */
export interface FunctionEntry {
  name: string;
  /** Relative to patterns/serverless; the module exports `handler: ConduitFunction`. */
  module: string;
  routes: readonly FunctionRoute[];
}

const entry = (plan: FunctionPlan): FunctionEntry => ({
  name: plan.name,
  module: `functions/${plan.name}/handler.ts`,
  routes: routesOf(plan.operationIds),
});

/**
 * The function map, what deploy configs and the lab read: one function per route group, every Conduit
 * route in exactly one of them. Reading it loads no handler, so no database driver either.
 */
export const conduitFunctions: readonly FunctionEntry[] = [
  usersPlan,
  profilesPlan,
  articlesPlan,
  commentsPlan,
  tagsPlan,
  feedPlan,
].map(entry);
