/**
 * What the compare workload's users do, and how often: a Conduit mix of reads and writes, weighted by a
 * named shape or by weights given one by one. Pure, so the mix can be checked without a server.
 */

/** Every call the workload makes, by a short name (`--weights list=30,favorite=10`). */
export const WORKLOAD_OPERATIONS = [
  'list',
  'article',
  'comments',
  'tags',
  'profile',
  'feed',
  'favorite',
  'comment',
  'publish',
  'follow',
] as const;
export type WorkloadOperation = (typeof WORKLOAD_OPERATIONS)[number];

/** Calls that need a signed-in user; an anonymous user only ever makes the others. */
export const NEEDS_LOGIN: ReadonlySet<WorkloadOperation> = new Set([
  'feed',
  'favorite',
  'comment',
  'publish',
  'follow',
]);

/** Calls that change data; the rest only read it. */
export const WRITES: ReadonlySet<WorkloadOperation> = new Set(['favorite', 'comment', 'publish', 'follow']);

export type Weights = Record<WorkloadOperation, number>;

export const WORKLOAD_SHAPES = ['read-heavy', 'balanced', 'write-heavy'] as const;
export type WorkloadShape = (typeof WORKLOAD_SHAPES)[number];

// Relative weights; a signed-in user's writes are 5 %, 35 % and 65 % of its calls. Reading an article,
// the list and its comments dominate reads, as on a blog; favoriting is the commonest write.
const SHAPE_WEIGHTS: Record<WorkloadShape, Weights> = {
  'read-heavy': {
    list: 30,
    article: 25,
    comments: 15,
    tags: 10,
    profile: 5,
    feed: 10,
    favorite: 2,
    comment: 1,
    publish: 1,
    follow: 1,
  },
  balanced: {
    list: 20,
    article: 15,
    comments: 10,
    tags: 5,
    profile: 5,
    feed: 10,
    favorite: 12,
    comment: 10,
    publish: 8,
    follow: 5,
  },
  'write-heavy': {
    list: 10,
    article: 10,
    comments: 5,
    tags: 2,
    profile: 3,
    feed: 5,
    favorite: 20,
    comment: 20,
    publish: 15,
    follow: 10,
  },
};

export const shapeWeights = (shape: WorkloadShape): Weights => ({ ...SHAPE_WEIGHTS[shape] });

export class WorkloadMixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkloadMixError';
  }
}

/**
 * `list=30,favorite=10`: weights given one by one; an operation left out weighs 0. Throws a
 * WorkloadMixError naming what is wrong (unknown operation, a weight that is not a number ≥ 0, all 0).
 */
export function parseWeights(text: string): Weights {
  const weights = Object.fromEntries(WORKLOAD_OPERATIONS.map((op) => [op, 0])) as Weights;
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const [name, value, ...rest] = part.split('=').map((s) => s.trim());
    if (!(WORKLOAD_OPERATIONS as readonly string[]).includes(name ?? '')) {
      throw new WorkloadMixError(
        `unknown operation "${name}" in the weights; known: ${WORKLOAD_OPERATIONS.join(', ')}`,
      );
    }
    const weight = Number(value);
    if (rest.length > 0 || value === undefined || value === '' || !Number.isFinite(weight) || weight < 0) {
      throw new WorkloadMixError(`weight of ${name} must be a number ≥ 0, as in ${name}=10; got "${part}"`);
    }
    weights[name as WorkloadOperation] = weight;
  }
  if (WORKLOAD_OPERATIONS.every((op) => weights[op] === 0)) {
    throw new WorkloadMixError('the weights give every operation 0: name at least one, as in list=1');
  }
  return weights;
}

/** A weighted choice among operations, for a signed-in or an anonymous user. */
export interface Mix {
  /** Operations with their share of calls, 0…1, summing to 1; only those with a share > 0. */
  shares: Array<{ operation: WorkloadOperation; share: number }>;
  /** `random` in [0, 1) → an operation, drawn with the shares above. */
  pick(random: number): WorkloadOperation;
}

/**
 * The mix one kind of user draws from: an anonymous user gets the weights of the calls that need no
 * login, renormalised. Undefined when that leaves nothing (weights naming only signed-in calls).
 */
export function mixFor(weights: Weights, loggedIn: boolean): Mix | undefined {
  const allowed = WORKLOAD_OPERATIONS.filter((op) => weights[op] > 0 && (loggedIn || !NEEDS_LOGIN.has(op)));
  const total = allowed.reduce((sum, op) => sum + weights[op], 0);
  if (total === 0) return undefined;
  const shares = allowed.map((operation) => ({ operation, share: weights[operation] / total }));
  return {
    shares,
    pick(random) {
      let left = random;
      for (const { operation, share } of shares) {
        left -= share;
        if (left < 0) return operation;
      }
      // Rounding can leave a sliver above the last share's edge.
      return shares[shares.length - 1]!.operation;
    },
  };
}

/** The share of a mix's calls that write, 0…1. */
export const writeShare = (mix: Mix) =>
  mix.shares.filter(({ operation }) => WRITES.has(operation)).reduce((sum, { share }) => sum + share, 0);
