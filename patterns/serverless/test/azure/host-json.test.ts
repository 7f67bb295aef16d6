import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SERVICE_BUS_CONNECTION } from '../../platforms/azure/event-registrations.js';
import { ROUTE_PREFIX } from '../../platforms/azure/registrations.js';

/** deploy/azure/host.json checked offline against the schema of the keys it sets (deploy/azure/host.schema.json). */
const readJson = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../deploy/azure/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

const hostJson = readJson('host.json') as { extensions: { http: { routePrefix: string } } };
const validate = new Ajv({ allErrors: true, strict: true }).compile(readJson('host.schema.json'));

describe('Azure host.json', () => {
  it('when validated against its schema, then it passes', () => {
    expect(validate(hostJson), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['a runtime 1.x version', { ...hostJson, version: '1.0' }],
    ['a timeout not in hh:mm:ss', { ...hostJson, functionTimeout: '30s' }],
    ['a misspelt key the host would ignore', { ...hostJson, extensions: { http: { routePrefx: 'api' } } }],
    ['no extension bundle', { ...hostJson, extensionBundle: undefined }],
  ])('when host.json has %s, then the schema refuses it', (_, broken) => {
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });

  it('when Azure prefixes routes, then the prefix is the one the registrations strip from the function map', () => {
    expect(hostJson.extensions.http.routePrefix).toBe(ROUTE_PREFIX);
  });

  it('when a developer copies local.settings.example.json, then the worker runtime is node and the function settings are there', () => {
    const { Values } = readJson('local.settings.example.json') as { Values: Record<string, string> };

    expect(Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    expect(Object.keys(Values)).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'DATABASE_POOL_MAX', 'JWT_SECRET', SERVICE_BUS_CONNECTION]),
    );
  });
});
