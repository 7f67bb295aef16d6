import { deleteFollow, insertFollow } from '@journey/conduit-sql/profiles';
import type { EngagementV1 } from '@journey/soa-contracts';
import { type Person, personNamed, profileOf } from '@journey/soa-enterprise-data';
import { type EnterpriseData, requireViewer } from '@journey/soa-service-host';
import type { OperationContext } from '@journey/soa-soap-kit';
import { cannotFollowYourself, notFound } from './faults.js';
import type { Handler } from './handler.js';

/** Follow and Unfollow: both idempotent in the data too (a second follow leaves one row). */
export function followHandlers(data: EnterpriseData) {
  async function target(
    username: string,
    context: OperationContext,
  ): Promise<{ viewerId: number; person: Person }> {
    const viewerId = requireViewer(context);
    const person = await personNamed(data.db, username);
    if (!person) throw notFound('profile', username);
    return { viewerId, person };
  }

  const Follow: Handler<EngagementV1['Follow']> = async ({ username }, context) => {
    const { viewerId, person } = await target(username, context);
    if (person.id === viewerId) throw cannotFollowYourself();
    await data.transaction((tx) => insertFollow(tx, viewerId, person.id, new Date().toISOString()));
    return { profile: profileOf(person, true) };
  };

  const Unfollow: Handler<EngagementV1['Unfollow']> = async ({ username }, context) => {
    const { viewerId, person } = await target(username, context);
    await data.transaction((tx) => deleteFollow(tx, viewerId, person.id));
    return { profile: profileOf(person, false) };
  };

  return { Follow, Unfollow };
}
