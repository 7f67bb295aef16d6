import { describe, expect, it } from 'vitest';
import type { RegisteredPod } from '../../control-plane/src/pod-registry.js';
import { dueForRotation } from '../../control-plane/src/rotation-schedule.js';

const issuedAt = Date.parse('2026-12-07T00:00:00Z');
const HOUR = 3_600_000;
const pod = {
  certificate: {
    identity: 'spiffe://conduit.journey/ns/lab/sa/articles',
    issuedAt: new Date(issuedAt).toISOString(),
    notAfter: new Date(issuedAt + 24 * HOUR).toISOString(),
  },
} as RegisteredPod;

describe('which certificates the automatic rotation renews', () => {
  it('when less than 80% of its life has passed, then it is kept', () => {
    expect(dueForRotation(issuedAt)(pod)).toBe(false);
    expect(dueForRotation(issuedAt + 19 * HOUR)(pod)).toBe(false);
  });

  it('when 80% of its life has passed, then it is rotated, and so is an expired one', () => {
    expect(dueForRotation(issuedAt + 19.2 * HOUR)(pod)).toBe(true);
    expect(dueForRotation(issuedAt + 30 * HOUR)(pod)).toBe(true);
  });
});
