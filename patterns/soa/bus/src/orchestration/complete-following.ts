import type { IdentityV1, Profile } from '@journey/soa-contracts';
import type { EnterpriseService } from '../calls/enterprise-service.js';

/**
 * pattern: orchestration, the bus's one composed operation and the central example of SOA here.
 *
 * PublishingService answers articles and comments with `author.following = false`: who follows whom is
 * not publishing's business. When a viewer is signed in, the bus completes the answer in this one place:
 * for each DISTINCT author on the page it asks IdentityService.GetProfile on the viewer's behalf (the
 * viewer travels in the CallContext header), all at once, and sets each author's `following` from it.
 *
 *   client ──GET /api/articles──▶ bus ──ListArticles──▶ publishing      (page, following=false)
 *                                  ├──GetProfile(a)──▶ identity ┐
 *                                  ├──GetProfile(b)──▶ identity ├ concurrently, one per distinct author
 *                                  └──GetProfile(c)──▶ identity ┘
 *   client ◀──articles with following──┘
 *
 * The price is the N+1 SOAP calls per page, measured in the pattern's README; the gain is that
 * publishing stays ignorant of follows, and composition lives in the integration layer, not in a service.
 * An anonymous viewer follows nobody: no call at all. A failed GetProfile fails the whole answer (503 or
 * its fault), rather than answering a `following` the bus does not know.
 */
export async function completeFollowing<Item extends { author: Profile }>(
  identity: EnterpriseService<IdentityV1>,
  viewerId: number | null,
  items: readonly Item[],
): Promise<Item[]> {
  if (viewerId === null || items.length === 0) return [...items];
  const authors = [...new Set(items.map((item) => item.author.username))];
  const profiles = await Promise.all(
    authors.map((username) => identity.call('GetProfile', { username }, viewerId)),
  );
  const following = new Map(profiles.map(({ profile }) => [profile.username, profile.following]));
  return items.map((item) => ({
    ...item,
    author: { ...item.author, following: following.get(item.author.username) ?? false },
  }));
}
