import { app, type HttpFunctionOptions } from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import { conduitFunctions } from '../../functions/index.js';
import { azureHttpRegistrations } from '../../platforms/azure/registrations.js';

/**
 * The function app's entry module as the worker imports it. With no host, @azure/functions would only
 * warn and drop each registration, so `app.http` is watched instead: what app.ts registers is what the
 * worker would index as functions.
 */
describe('Azure function app entry (platforms/azure/app.ts)', () => {
  it('when the worker imports it, then it calls app.http once per registration of the function map, handlers loaded', async () => {
    const registered: { name: string; options: HttpFunctionOptions }[] = [];
    const http = vi.spyOn(app, 'http').mockImplementation((name, options) => {
      registered.push({ name, options });
    });

    await import('../../platforms/azure/app.js');
    http.mockRestore();

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
