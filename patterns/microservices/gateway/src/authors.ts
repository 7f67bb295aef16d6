import type { Profile } from '@journey/contract';
import type { Clients } from './clients/index.js';

export type Authors = Map<number, Profile>;

/**
 * pattern: one batch call for every author on a page, never one call per article (no N+1). A
 * profile has two owners: identity holds the user data, profiles who follows whom. The gateway asks
 * both at once, and profiles only when someone is signed in (an anonymous viewer follows nobody),
 * so a page costs two hops in a row, not three (gateway → profiles → identity).
 */
export async function authorsOf(
  { identity, profiles }: Clients,
  viewerId: number | null,
  ids: readonly number[],
  /** The viewer's followees when the caller already has them (the feed), which saves asking again. */
  followees?: ReadonlySet<number>,
): Promise<Authors> {
  const unique = [...new Set(ids)];
  const [cards, followed] = await Promise.all([
    identity.byIds(unique),
    followees ?? (viewerId === null ? new Set<number>() : profiles.followedAmong(viewerId, unique)),
  ]);
  const authors: Authors = new Map();
  for (const [id, card] of cards) {
    authors.set(id, {
      username: card.username,
      bio: card.bio,
      image: card.image,
      following: followed.has(id),
    });
  }
  return authors;
}

/**
 * The viewer as the author of what they are about to write, read BEFORE the write: once a write is
 * saved, nothing after it may fail its answer, or a saved write is reported as failed (under the
 * mesh's fault experiment an identity read after a stored comment was answered 503, and the client was
 * told the comment failed). Nobody follows themselves, so profiles is not asked.
 */
export const viewerAsAuthor = (clients: Clients, viewerId: number): Promise<Authors> =>
  authorsOf(clients, viewerId, [viewerId], new Set());
