import { DownstreamAnswered, DownstreamUnavailable } from '@journey/platform/downstream';
import type { Committed } from './command.js';
import { markPending } from './pending-answer.js';

/**
 * pattern: once the owner has committed, the answer is the change, never an error (ADR 0009). It is
 * read from views when views has applied it, so the writer sees exactly what readers will; when views
 * is behind, or dies between applying and showing it, it is built from the owner's own answer and
 * marked pending. An error here would be a lie a client acts on: it would send the change again.
 */
export async function readBack<T>(
  committed: Committed<unknown>,
  fromViews: () => Promise<T>,
  fromOwner: () => Promise<T>,
): Promise<T> {
  if (!committed.pending.includes('views')) {
    try {
      return await fromViews();
    } catch (error) {
      if (!cannotShowIt(error)) throw error;
      markPending(['views']);
    }
  }
  return fromOwner();
}

/**
 * Views is down, or does not know the change yet: a 404 right after the owner committed means views
 * has not applied it (an answer that announced no events gave the gateway nothing to wait for), not
 * that it does not exist.
 */
const cannotShowIt = (error: unknown) =>
  error instanceof DownstreamUnavailable || (error instanceof DownstreamAnswered && error.status === 404);
