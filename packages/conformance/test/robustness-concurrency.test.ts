import { afterEach, describe, expect, it } from 'vitest';
import { type ConcurrencyReport, runConcurrency } from '../src/robustness/index.js';
import { type FakeBugs, type FakeConduit, startFakeConduit } from './robustness-fake-conduit.js';

let fake: FakeConduit | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function race(bugs: FakeBugs) {
  fake = await startFakeConduit(bugs);
  return runConcurrency({ baseUrl: fake.baseUrl, users: 20, settleMs: 1_000 });
}

const scenario = (report: ConcurrencyReport, name: string) => report.scenarios.find((s) => s.name === name)!;
const failed = (report: ConcurrencyReport, name: string) =>
  scenario(report, name).checks.filter((c) => !c.pass);

describe('runConcurrency', () => {
  it('when the server serialises its writes, then every scenario passes with exact counts', async () => {
    const report = await race({});
    expect(report.scenarios.filter((s) => !s.pass)).toEqual([]);
    expect(report.scenarios.map((s) => s.name)).toEqual([
      'favorites',
      'registration races',
      'follow, publish and comment',
      'delete while in use',
    ]);
    expect(report.pass).toBe(true);
  });

  it('when the favorite counter is read-modify-write with an await in between, then lost updates are reported', async () => {
    const report = await race({ racyFavorites: true });
    expect(report.pass).toBe(false);
    const counts = failed(report, 'favorites').filter((c) => c.what.startsWith('favoritesCount'));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts[0]!.observed).toBeLessThan(counts[0]!.expected);
    expect(scenario(report, 'registration races').pass).toBe(true);
  });

  it('when registration checks for duplicates, awaits, then inserts, then the duplicate accounts are reported', async () => {
    const report = await race({ racyRegistration: true });
    expect(report.pass).toBe(false);
    const created = failed(report, 'registration races').filter((c) => c.what.endsWith('answered 201'));
    expect(created.map((c) => c.what)).toEqual([
      'same username: registrations answered 201',
      'same email: registrations answered 201',
    ]);
    expect(created.every((c) => c.observed > 1)).toBe(true);
    expect(scenario(report, 'favorites').pass).toBe(true);
  });

  it('when a favorite or comment that meets a half-done delete fails with a 500, then the 500s are reported', async () => {
    const report = await race({ racyDelete: true });
    expect(report.pass).toBe(false);
    const deleting = scenario(report, 'delete while in use');
    expect(failed(report, 'delete while in use').map((c) => c.what)).toEqual([
      'favorites, unfavorites and comments answered 2xx or 404',
    ]);
    expect(deleting.notes.some((n) => n.includes('→ 500'))).toBe(true);
    expect(scenario(report, 'favorites').pass).toBe(true);
  });
});
