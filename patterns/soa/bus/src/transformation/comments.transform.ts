import type * as Json from '@journey/contract';
import type { Comment, PublishingV1 } from '@journey/soa-contracts';
import { toProfile } from './profiles.transform.js';

export const addCommentRequest = (
  slug: string,
  comment: Json.NewComment,
): PublishingV1['AddComment']['request'] => ({ slug, body: comment.body });

export const toComment = (comment: Comment): Json.Comment => ({
  id: comment.id,
  createdAt: comment.createdAt,
  updatedAt: comment.updatedAt,
  body: comment.body,
  author: toProfile(comment.author),
});

// Ids are the shared database's serial keys, xs:int in the contract.
const MAX_ID = 2_147_483_647;

/**
 * The comment id of a URL as the contract's xs:int, or undefined when it cannot name a comment (the
 * envelope could not even carry it): the bus answers 404 for those without calling anyone.
 */
export function commentIdOf(raw: string): number | undefined {
  if (!/^\d{1,10}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id >= 1 && id <= MAX_ID ? id : undefined;
}
