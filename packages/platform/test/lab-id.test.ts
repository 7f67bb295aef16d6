import { afterEach, describe, expect, it, vi } from 'vitest';
import { labId, labScopedName } from '../src/lab-id.js';

describe('labId / labScopedName', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('when two labs have different data dirs, then their ids and names differ; the same dir, however spelt, keeps its id', () => {
    vi.stubEnv('JOURNEY_HOME', '/tmp/lab-one');
    const one = labId();
    expect(one).toMatch(/^[0-9a-f]{6}$/);
    expect(labId({ JOURNEY_HOME: '/tmp/lab-one/../lab-one/' })).toBe(one);
    expect(labId({ JOURNEY_HOME: '/tmp/lab-two' })).not.toBe(one);
    const name = labScopedName('event-driven', 'articles-db');
    vi.stubEnv('JOURNEY_HOME', '/tmp/lab-two');
    expect(labScopedName('event-driven', 'articles-db')).not.toBe(name);
  });

  it('when parts hold dashes or capitals, then the name is fit for a PostgreSQL database or a broker namespace', () => {
    vi.stubEnv('JOURNEY_HOME', '/tmp/lab-one');
    expect(labScopedName('event-driven', 'Articles-db', 42)).toBe(
      `journey_${labId()}_event_driven_articles_db_42`,
    );
  });
});
