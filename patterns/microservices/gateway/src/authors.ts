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
