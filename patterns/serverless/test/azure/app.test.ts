import { app, type HttpFunctionOptions, type ServiceBusQueueFunctionOptions } from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import { conduitFunctions, eventFunctions } from '../../functions/index.js';
import { azureHttpRegistrations } from '../../platforms/azure/registrations.js';

/**
 * The function app's entry module as the worker imports it. With no host, @azure/functions would only
 * warn and drop each registration, so `app.http` is watched instead: what app.ts registers is what the
 * worker would index as functions.
 */
describe('Azure function app entry (platforms/azure/app.ts)', () => {
  it('when the worker imports it, then it calls app.http once per registration of the function map and app.serviceBusQueue once per event function, handlers loaded', async () => {
    const registered: { name: string; options: HttpFunctionOptions }[] = [];
    const http = vi.spyOn(app, 'http').mockImplementation((name, options) => {
      registered.push({ name, options });
    });
    const queues: { name: string; options: ServiceBusQueueFunctionOptions }[] = [];
    const serviceBusQueue = vi.spyOn(app, 'serviceBusQueue').mockImplementation((name, options) => {
      queues.push({ name, options: options as ServiceBusQueueFunctionOptions });
    });

    await import('../../platforms/azure/app.js');
    http.mockRestore();
    serviceBusQueue.mockRestore();

    expect(queues.map(({ name, options }) => ({ name, queueName: options.queueName }))).toEqual(
      eventFunctions.map(({ name, trigger }) => ({ name, queueName: trigger })),
    );

    const expected = azureHttpRegistrations(
      conduitFunctions.map((entry) => ({
        ...entry,
        handler: async () => ({ statusCode: 500, headers: {}, body: '' }),
      })),
    );
    expect(
      registered.map(({ name, options: { route, methods, authLevel } }) => ({
        name,
        route,
        methods,
        authLevel,
      })),
    ).toEqual(
      expected.map(({ name, options: { route, methods, authLevel } }) => ({
        name,
        route,
        methods,
        authLevel,
      })),
    );
    expect(registered.every(({ options }) => typeof options.handler === 'function')).toBe(true);
  });
});
