import { registerInstance } from '@journey/soa-registry';
import { type PatternCommandContext, UsageError } from '@journey/topology';
import { afterEach, describe, expect, it } from 'vitest';
import soa from '../../lab/services.command.js';
import { announcement, manualClock, type StartedRegistry, startRegistry } from './registry-support.js';

let registry: StartedRegistry | undefined;
afterEach(() => registry?.close());

/** The lab's context, by hand: the running topology has a registry process at `registryUrl`. */
function context(registryUrl: string | undefined) {
  const printed: string[] = [];
  const notRunning = () => {
    throw new Error('soa is not running; start it with: journey up soa');
  };
  const handed: PatternCommandContext = {
    pattern: 'soa',
    running: registryUrl
      ? () => ({ url: 'http://127.0.0.1:1/api', processes: [{ name: 'registry', url: registryUrl }] })
      : notRunning,
    infrastructure: notRunning,
    print: (line) => printed.push(...line.split('\n')),
    progress: () => {},
    record: () => {
      throw new Error('listing services records no check');
    },
  };
  return { handed, printed };
}

describe('journey soa services', () => {
  it('when services are registered, then it prints a row per instance and where each major is routed', async () => {
    const clock = manualClock();
    registry = await startRegistry({ leaseMs: 10_000, now: clock.now });
    const registrations = await Promise.all(
      [
        announcement({ name: 'identity', version: '1.0', id: 'identity-1' }),
        announcement({ name: 'engagement', version: '1.0', id: 'engagement-1' }),
        announcement({ name: 'engagement', version: '1.1', id: 'engagement-2', soapVersions: ['1.2'] }),
        announcement({ name: 'engagement', version: '2.0', id: 'engagement-2' }),
      ].map((entry) => registerInstance(registry!.url, entry)),
    );
    clock.advance(2_500);
    const { handed, printed } = context(registry.url);

    expect(await soa(['services'], handed)).toBe(0);
    expect(printed).toEqual([
      `registry ${registry.url}, lease 10.0 s`,
      'SERVICE     VERSION  INSTANCE      ENDPOINT                             WSDL                                      SOAP      LEASE LEFT',
      'engagement  1.0      engagement-1  http://127.0.0.1:4003/engagement/v1  http://127.0.0.1:4003/engagement/v1?wsdl  1.1, 1.2  7.5 s',
      'engagement  1.1      engagement-2  http://127.0.0.1:4003/engagement/v1  http://127.0.0.1:4003/engagement/v1?wsdl  1.2       7.5 s',
      'engagement  2.0      engagement-2  http://127.0.0.1:4003/engagement/v2  http://127.0.0.1:4003/engagement/v2?wsdl  1.1, 1.2  7.5 s',
      'identity    1.0      identity-1    http://127.0.0.1:4003/identity/v1    http://127.0.0.1:4003/identity/v1?wsdl    1.1, 1.2  7.5 s',
      '',
      '2 services, 4 contract versions, 4 live instances; routed by major: engagement v1 → 1.1, engagement v2 → 2.0, identity v1 → 1.0',
    ]);
    await Promise.all(registrations.map((registration) => registration.close()));
  });

  it('when the registry holds nothing, then it says so and how services get there', async () => {
    registry = await startRegistry();
    const { handed, printed } = context(undefined);
    expect(await soa(['services', '--registry', registry.url], handed)).toBe(0);
    expect(printed).toEqual([
      `registry ${registry.url}, lease 10.0 s`,
      'no live instance: services register when they start (journey up soa) and leave when they stop',
    ]);
  });

  it('when the registry does not answer, then the error names its address', async () => {
    registry = await startRegistry();
    const { url } = registry;
    await registry.close();
    registry = undefined;
    await expect(soa(['services'], context(url).handed)).rejects.toThrow(
      `cannot list services: the registry at ${url} did not answer`,
    );
  });

  it('when soa is not running, then it says how to start it', async () => {
    await expect(soa(['services'], context(undefined).handed)).rejects.toThrow(
      'start it with: journey up soa',
    );
  });

  it('when called wrongly, then each mistake is a usage error', async () => {
    const { handed } = context(undefined);
    const wrongly = (args: string[]) => soa(args, handed).catch((error: unknown) => error);
    expect(await wrongly([])).toMatchObject({
      message: 'journey soa: say what to show',
      choices: ['services'],
    });
    expect(await wrongly(['contracts'])).toMatchObject({ message: 'journey soa: unknown "contracts"' });
    expect(await wrongly(['services', 'engagement'])).toBeInstanceOf(UsageError);
    expect(await wrongly(['services', '--registry'])).toBeInstanceOf(UsageError);
    expect(await wrongly(['services', '--registry', 'not a url'])).toMatchObject({
      message: 'journey soa services: --registry must be a URL, got "not a url"',
    });
  });
});
