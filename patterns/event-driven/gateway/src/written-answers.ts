import type { Article, Comment, Profile } from '@journey/contract';
import type { WrittenArticle } from '@journey/event-driven-articles/api';
import type { WrittenComment } from '@journey/event-driven-comments/api';
import { profilesApi } from '@journey/event-driven-profiles/api';
import type { Services } from './services.js';

/**
 * A change in the contract's shape as its owner committed it, for when views cannot show it yet
 * (readBack). The owners know the author only by id; profiles, which owns follows and a replica of
 * every public profile, answers the rest as the viewer sees it.
 */
export function writtenAnswers({ profiles }: Services) {
  const authorAsSeenBy = async (viewerId: number, authorId: number): Promise<Profile> =>
    (
      await profiles.send<{ profile: Profile }>({
        method: 'GET',
        route: profilesApi.ofUser.path,
        params: { id: authorId },
        viewerId,
      })
    ).body.profile;

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
