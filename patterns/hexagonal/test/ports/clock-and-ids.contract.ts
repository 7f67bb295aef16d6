import { describe, expect, it } from 'vitest';
import type { Clock, IdGenerator } from '../../src/application/ports/driven/index.js';

export function clockContract(make: () => Clock) {
  describe('Clock', () => {
    it('when read repeatedly, then it gives valid dates that never go backwards', () => {
      const clock = make();
      const reads = Array.from({ length: 100 }, () => clock.now().getTime());
      expect(reads.every(Number.isFinite)).toBe(true);
      expect(reads).toEqual([...reads].sort((a, b) => a - b));
    });
  });
}

export function idGeneratorContract(make: () => IdGenerator) {
  describe('IdGenerator', () => {
    it('when asked 200 times, then every id is distinct and safe inside a slug', () => {
      const ids = make();
      const seen = Array.from({ length: 200 }, () => ids.next());
      expect(new Set(seen).size).toBe(200);
      for (const id of seen) expect(id).toMatch(/^[a-z0-9]+$/);
    });
  });
}
