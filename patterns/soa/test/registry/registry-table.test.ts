import { describe, expect, it } from 'vitest';
import { createRegistryTable, RegistryFullError } from '../../registry/src/registry-table.js';
import { announcement, manualClock } from './registry-support.js';

const idsOf = (resolution: ReturnType<ReturnType<typeof createRegistryTable>['resolve']>) =>
  resolution.found ? resolution.instances.map((instance) => `${instance.version} ${instance.id}`) : [];

describe('the registry table', () => {
  it('when v1.0, v1.1 and v2.0 are live, then a v1 consumer gets 1.1 and a v2 consumer gets 2.0', () => {
    const table = createRegistryTable({ leaseMs: 10_000 });
    table.register(announcement({ version: '1.0', id: 'old' }));
    table.register(announcement({ version: '1.1', id: 'new-a' }));
    table.register(announcement({ version: '1.1', id: 'new-b' }));
    table.register(announcement({ version: '2.0', id: 'next' }));
    expect(idsOf(table.resolve('engagement', 1))).toEqual(['1.1 new-a', '1.1 new-b']);
    expect(idsOf(table.resolve('engagement', 2))).toEqual(['2.0 next']);
    expect(table.resolve('engagement', 3)).toEqual({ found: false, liveVersions: ['1.0', '1.1', '2.0'] });
    expect(table.resolve('identity', 1)).toEqual({ found: false, liveVersions: [] });
  });

  it('when minors reach two digits, then they compare as numbers (1.10 is newer than 1.9)', () => {
    const table = createRegistryTable({ leaseMs: 10_000 });
    table.register(announcement({ version: '1.10', id: 'ten' }));
    table.register(announcement({ version: '1.9', id: 'nine' }));
    expect(idsOf(table.resolve('engagement', 1))).toEqual(['1.10 ten']);
    expect(table.list()[0]!.versions.map(({ version }) => version)).toEqual(['1.9', '1.10']);
  });

  it('when an instance stays silent for a lease, then it is dropped and the next minor down answers again', () => {
    const clock = manualClock();
    const expired: string[] = [];
    const table = createRegistryTable({
      leaseMs: 10_000,
      now: clock.now,
      onExpired: (i) => expired.push(i.id),
    });
    table.register(announcement({ version: '1.0', id: 'steady' }));
    table.register(announcement({ version: '1.1', id: 'silent' }));
    clock.advance(6_000);
    table.register(announcement({ version: '1.0', id: 'steady' }));
    clock.advance(3_999);
    expect(idsOf(table.resolve('engagement', 1))).toEqual(['1.1 silent']);
    clock.advance(1);
    expect(idsOf(table.resolve('engagement', 1))).toEqual(['1.0 steady']);
    expect(expired).toEqual(['silent']);
  });

  it('when an instance heartbeats, then its lease restarts but it keeps its first registration time', () => {
    const clock = manualClock();
    const table = createRegistryTable({ leaseMs: 10_000, now: clock.now });
    expect(table.register(announcement()).created).toBe(true);
    clock.advance(4_000);
    const { created, instance } = table.register(announcement());
    expect(created).toBe(false);
    expect(instance.renewedAt - instance.registeredAt).toBe(4_000);
    expect(table.leaseLeft(instance)).toBe(10_000);
  });

  it('when the table is full, then a new instance is refused but a heartbeat of a listed one is not', () => {
    const table = createRegistryTable({ leaseMs: 10_000, maxInstances: 2 });
    table.register(announcement({ id: 'a' }));
    table.register(announcement({ id: 'b' }));
    expect(() => table.register(announcement({ id: 'c' }))).toThrow(RegistryFullError);
    expect(table.register(announcement({ id: 'a' })).created).toBe(false);
  });

  it('when an instance deregisters, then it is gone at once and a second deregistration says so', () => {
    const table = createRegistryTable({ leaseMs: 10_000 });
    table.register(announcement());
    expect(table.deregister(announcement())).toBe(true);
    expect(table.list()).toEqual([]);
    expect(table.deregister(announcement())).toBe(false);
  });
});
