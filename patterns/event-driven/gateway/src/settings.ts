import { DEFAULT_PORTS, type ServiceName } from '@journey/event-driven-service-kit';
import { env } from '@journey/platform';
import { type CallBudget, DEFAULT_CALL_BUDGET } from '@journey/platform/downstream';

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
  /** How long a command waits for its events to be applied by their consumers before answering 202 (ADR 0009). */
  readYourWritesWaitMs: number;
  budget: CallBudget;
}

export const DEFAULT_READ_YOUR_WRITES_WAIT_MS = 3_000;

export function gatewaySettings(): GatewaySettings {
  const urlOf = (name: ServiceName) =>
    env.string(`${name.toUpperCase()}_URL`, `http://127.0.0.1:${DEFAULT_PORTS[name]}`)!;
  return {
    urls: Object.fromEntries(SERVICE_NAMES.map((name) => [name, urlOf(name)])) as Record<ServiceName, string>,
    readYourWritesWaitMs: env.integer('READ_YOUR_WRITES_WAIT_MS', DEFAULT_READ_YOUR_WRITES_WAIT_MS, {
      max: 60_000,
    }),
    budget: {
      timeoutMs: env.integer('SERVICE_TIMEOUT_MS', DEFAULT_CALL_BUDGET.timeoutMs, { min: 1 }),
      breakAfter: env.integer('BREAKER_AFTER_FAILURES', DEFAULT_CALL_BUDGET.breakAfter, { min: 1 }),
      halfOpenAfterMs: env.integer('BREAKER_HALF_OPEN_MS', DEFAULT_CALL_BUDGET.halfOpenAfterMs, { min: 1 }),
    },
  };
}
