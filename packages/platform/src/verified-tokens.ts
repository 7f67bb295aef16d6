/** What a token proved when its signature was checked: whose it is, and until when (ms since the epoch). */
export interface VerifiedToken {
  userId: number;
  expiresAt: number;
}

/**
 * The tokens verified lately, keyed by their exact text, at most `capacity` of them (least recently
 * used goes first). Only tokens whose signature checked out go in, and only the secret's holder can
 * make those, so a stream of forged tokens cannot fill it nor push a real user's token out.
 */
export function createVerifiedTokens(capacity: number) {
  const byToken = new Map<string, VerifiedToken>();
  return {
    /** What `token` proved, while it is still unexpired at `now`; an expired one is forgotten. */
    get(token: string, now: number): VerifiedToken | undefined {
      const verified = byToken.get(token);
      if (verified === undefined) return undefined;
      byToken.delete(token);
      if (now >= verified.expiresAt) return undefined;
      // Re-inserting moves it to the end: the Map's order is our least-recently-used order.
      byToken.set(token, verified);
      return verified;
    },
    remember(token: string, verified: VerifiedToken): void {
      if (capacity < 1) return;
      if (byToken.size >= capacity) byToken.delete(byToken.keys().next().value as string);
      byToken.set(token, verified);
    },
    get size() {
      return byToken.size;
    },
  };
}
