/** mulberry32: a tiny seeded PRNG, so `journey seed` makes the same data set every time for a given seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /**
   * An index in [0, n) drawn from a Zipf-like law (weight 1/(rank+1)^s): a few items are very
   * popular and most are rare — the long tail real tags, authors and favourites show.
   */
  const zipf = (n: number, s = 1.1) => {
    let total = 0;
    for (let k = 1; k <= n; k++) total += 1 / k ** s;
    let target = next() * total;
    for (let k = 1; k <= n; k++) {
      target -= 1 / k ** s;
      if (target <= 0) return k - 1;
    }
    return n - 1;
  };
  return { next, int, pick, zipf };
}

export type Random = ReturnType<typeof seededRandom>;
