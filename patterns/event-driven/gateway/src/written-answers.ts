import type { Article, Comment, Profile } from '@journey/contract';
import type { WrittenArticle } from '@journey/event-driven-articles/api';
import type { WrittenComment } from '@journey/event-driven-comments/api';
import { type Account, identityApi } from '@journey/event-driven-identity/api';
import { profilesApi } from '@journey/event-driven-profiles/api';
import type { Services } from './services.js';

/**
 * A change in the contract's shape as its owner committed it, for when views cannot show it yet
 * (readBack). The owners know the author only by id. The writer's own profile comes from identity,
 * which owns it and has no replica to lag behind (and nobody follows themselves); another author's, as
 * the viewer sees it, from profiles, which owns follows and a replica of every public profile.
 */
export function writtenAnswers({ identity, profiles }: Services) {
  async function authorAsSeenBy(viewerId: number, authorId: number): Promise<Profile> {
    if (authorId === viewerId) {
      const { body } = await identity.send<{ account: Account }>({
        method: 'GET',
        route: identityApi.me.path,
        viewerId,
      });
      const { username, bio, image } = body.account;
      return { username, bio, image, following: false };
    }
    const { body } = await profiles.send<{ profile: Profile }>({
      method: 'GET',
      route: profilesApi.ofUser.path,
      params: { id: authorId },
      viewerId,
    });
    return body.profile;
  }

  return {
    async article(viewerId: number, written: WrittenArticle): Promise<{ article: Article }> {
      const { id: _ownersId, authorId, ...article } = written;
      return { article: { ...article, author: await authorAsSeenBy(viewerId, authorId) } };
    },
    async comment(viewerId: number, written: WrittenComment): Promise<{ comment: Comment }> {
      const { authorId, ...comment } = written;
      return { comment: { ...comment, author: await authorAsSeenBy(viewerId, authorId) } };
    },
  };
}

export type WrittenAnswers = ReturnType<typeof writtenAnswers>;
