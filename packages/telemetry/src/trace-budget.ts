/**
 * At most `perSecond` new traces a second (a token bucket holding one second's worth): every trace is
 * kept while traffic is light, a few a second under load. A learner poking at the API sees every
 * request; a benchmark at a thousand requests a second pays for recording only a few of them.
 */
export class TraceBudget {
  #tokens: number;
  #refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#tokens = perSecond;
    this.#refilledAt = now();
  }

  /** True, and one trace fewer left this second, when the budget has room for one more. */
  take(): boolean {
    const now = this.now();
    this.#tokens = Math.min(
      this.perSecond,
      this.#tokens + ((now - this.#refilledAt) / 1000) * this.perSecond,
    );
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  toString(): string {
    return `TraceBudget{${this.perSecond}/s}`;
  }
}
