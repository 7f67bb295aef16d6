import { ARTICLE_PUBLISHED } from '../core/event-catalogue.js';
import type { EventFunctionDefinition } from '../core/event-types.js';
import { routesOf } from '../core/function-routes.js';
import type { ConduitFunction, FunctionRoute } from '../core/function-types.js';
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
  /** Imports the module: for a platform's entry module, or a host that runs the functions in one process (tests). */
  load(): Promise<{ handler: ConduitFunction }>;
}

const entry = (plan: FunctionPlan, load: FunctionEntry['load']): FunctionEntry => ({
  name: plan.name,
  module: `functions/${plan.name}/handler.ts`,
  routes: routesOf(plan.operationIds),
  load,
});

/**
 * The function map, what deploy configs and the lab read: one function per route group, every Conduit
 * route in exactly one of them. Reading it loads no handler (each is imported only by its `load`), so
 * no database driver either.
 */
export const conduitFunctions: readonly FunctionEntry[] = [
  entry(usersPlan, () => import('./users/handler.js')),
  entry(profilesPlan, () => import('./profiles/handler.js')),
  entry(articlesPlan, () => import('./articles/handler.js')),
  entry(commentsPlan, () => import('./comments/handler.js')),
  entry(tagsPlan, () => import('./tags/handler.js')),
  entry(feedPlan, () => import('./feed/handler.js')),
];

/** One deployable event-triggered function: its name, the module exporting its `definition`, its trigger. */
export interface EventFunctionEntry {
  name: string;
  /** Relative to patterns/serverless; the module exports `definition: EventFunctionDefinition`. */
  module: string;
  /** The event type it consumes: the broker's type, and the queue or topic each deploy config names. */
  trigger: string;
  /** The broker consumer group delivering to it locally. */
  group: string;
  load(): Promise<{ definition: EventFunctionDefinition }>;
}

/** The functions no route reaches: the platform invokes them with an event. */
export const eventFunctions: readonly EventFunctionEntry[] = [
  {
    name: 'notify-followers',
    module: 'functions/notify-followers/handler.ts',
    trigger: ARTICLE_PUBLISHED,
    group: 'notify-followers',
    load: () => import('./notify-followers/handler.js'),
  },
];
