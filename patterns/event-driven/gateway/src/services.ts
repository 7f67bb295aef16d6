import type { ServiceName } from '@journey/event-driven-service-kit';
import type { Logger } from '@journey/platform';
import type { CallBudget } from '@journey/platform/downstream';
import { createServiceClient, type ServiceClient } from './service-client.js';
import { SERVICE_NAMES } from './settings.js';

/** One client per service, each with a breaker of its own: views down does not refuse calls to articles. */
export type Services = Record<ServiceName, ServiceClient>;

export const connectServices = (urls: Record<ServiceName, string>, logger: Logger, budget: CallBudget) =>
  Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, createServiceClient(name, urls[name], logger, budget)]),
  ) as Services;
