import type { EngagementOperation, EngagementV1, EngagementV2 } from '@journey/soa-contracts';
import { followersCount, personNamed } from '@journey/soa-enterprise-data';
import { type EnterpriseData, idempotent } from '@journey/soa-service-host';
import { favoriteHandlers } from './favorite.handlers.js';
import { feedHandler } from './feed.handler.js';
import { followHandlers } from './follow.handlers.js';
import type { Handler } from './handler.js';

type Implementation<Contract> = {
  [Operation in keyof Contract]: Contract[Operation] extends { request: unknown; response: unknown }
    ? Handler<Contract[Operation]>
    : never;
};

/** EngagementService v1 (engagement-v1.wsdl): favorites, follows and the feed, for the CallContext's viewer. */
export function engagementV1Operations(data: EnterpriseData): Implementation<EngagementV1> {
  const { Favorite, Unfavorite } = favoriteHandlers(data);
  const { Follow, Unfollow } = followHandlers(data);
  // A retry with the same idempotency key gets the first answer (ADR 0011); the wrapper keeps the
  // handler's contract, which its OperationHandler type cannot say.
  const write = <Op extends { request: unknown; response: unknown }>(
    operation: EngagementOperation,
    handler: Handler<Op>,
  ) => idempotent(operation, handler, data) as Handler<Op>;
  return {
    Favorite: write('Favorite', Favorite),
    Unfavorite: write('Unfavorite', Unfavorite),
    Follow: write('Follow', Follow),
    Unfollow: write('Unfollow', Unfollow),
    Feed: feedHandler(data),
  };
}

/**
 * pattern: a compatible revision. v2 is v1's handlers, the same calls to the same data, plus the one
 * optional element its contract adds (followersCount on Follow and Unfollow): nothing a v1 consumer
 * sent or read changes, which is what lets both versions run side by side in one process.
 */
export function engagementV2Operations(
  v1: Implementation<EngagementV1>,
  data: EnterpriseData,
): Implementation<EngagementV2> {
  const withFollowersCount =
    (handler: Handler<EngagementV1['Follow']>): Handler<EngagementV2['Follow']> =>
    async (input, context) => {
      const answer = await handler(input, context);
      const person = await personNamed(data.db, input.username);
      return person ? { ...answer, followersCount: await followersCount(data.db, person.id) } : answer;
    };
  return { ...v1, Follow: withFollowersCount(v1.Follow), Unfollow: withFollowersCount(v1.Unfollow) };
}
