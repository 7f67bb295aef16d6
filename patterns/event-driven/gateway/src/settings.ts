import { DEFAULT_PORTS, type ServiceName } from '@journey/event-driven-service-kit';
import { env } from '@journey/platform';
import { DEFAULT_GATEWAY_BUDGETS, type GatewayBudgets } from './budgets.js';

export const SERVICE_NAMES = [
  'identity',
  'profiles',
  'articles',
  'comments',
  'views',
] as const satisfies readonly ServiceName[];

export interface GatewaySettings {
  /** Base URL of every service: the lab hands them as `<NAME>_URL`; by hand they are on their default ports. */
  urls: Record<ServiceName, string>;
  /**
   * How long a command waits for its events to be applied by their consumers before it answers with
   * the owner's own account of the change, marked pending (ADR 0009).
   */
  readYourWritesWaitMs: number;
  budgets: GatewayBudgets;
}

export const DEFAULT_READ_YOUR_WRITES_WAIT_MS = 3_000;

export function gatewaySettings(): GatewaySettings {
  const urlOf = (name: ServiceName) =>
    env.string(`${name.toUpperCase()}_URL`, `http://127.0.0.1:${DEFAULT_PORTS[name]}`)!;
  const { call, passwordHashingMs } = DEFAULT_GATEWAY_BUDGETS;
  return {
    urls: Object.fromEntries(SERVICE_NAMES.map((name) => [name, urlOf(name)])) as Record<ServiceName, string>,
    readYourWritesWaitMs: env.integer('READ_YOUR_WRITES_WAIT_MS', DEFAULT_READ_YOUR_WRITES_WAIT_MS, {
      max: 60_000,
    }),
    budgets: {
      call: {
        timeoutMs: env.integer('SERVICE_TIMEOUT_MS', call.timeoutMs, { min: 1 }),
        breakAfter: env.integer('BREAKER_AFTER_FAILURES', call.breakAfter, { min: 1 }),
        halfOpenAfterMs: env.integer('BREAKER_HALF_OPEN_MS', call.halfOpenAfterMs, { min: 1 }),
      },
      passwordHashingMs: env.integer('PASSWORD_HASHING_TIMEOUT_MS', passwordHashingMs, { min: 1 }),
    },
  };
}
