import type { PatternManifest } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import { declaredBenchFlags, planPatternBenches } from '../src/commands/pattern-bench-plan.js';
import { UsageError } from '../src/usage.js';

// Two made-up patterns, so the plan is tested apart from which real patterns declare benches.
const manifests: PatternManifest[] = [
  { slug: 'first', sources: ['src'] },
  {
    slug: 'second',
    sources: ['src'],
    benches: [
      {
        name: 'lag',
        title: 'lag',
        module: './lag.bench.ts',
        options: [{ name: 'rate', description: 'per second', default: 100, min: 1, max: 2_000 }],
      },
      { name: 'batches', title: 'batches', module: './batches.bench.ts' },
    ],
  },
];
// The slugs are data here; the plan only passes them through.
const plan = (patterns: string[], values: Record<string, string | undefined>) =>
  planPatternBenches(manifests, patterns as never, values);

describe('the benches journey bench adds for the named patterns', () => {
  it('when a pattern declares benches, then each is planned with its flags, defaulted or given', () => {
    expect(declaredBenchFlags(manifests)).toEqual({ rate: { type: 'string' } });
    expect(plan(['first', 'second'], {}).map((p) => [p.declaration.name, p.options])).toEqual([
      ['lag', { rate: 100 }],
      ['batches', {}],
    ]);
    expect(plan(['second'], { rate: '5' })[0]!.options).toEqual({ rate: 5 });
  });

  it('when a declared flag is out of bounds, then it is a usage error with the bounds', () => {
    expect(() => plan(['second'], { rate: '0' })).toThrow(
      '--rate must be a whole number from 1 to 2000, not "0"',
    );
  });

  it('when a flag is given for patterns whose benches do not take it, then it says whose it is', () => {
    expect(() => plan(['first'], { rate: '5' })).toThrow(
      new UsageError('--rate: no bench of first takes it; it belongs to second'),
    );
  });
});
