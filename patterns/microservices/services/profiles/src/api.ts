import { type Static, Type } from '@sinclair/typebox';

/** The profiles service's published API; the gateway imports these schemas and nothing else from here. */
const NullableText = Type.Union([Type.String(), Type.Null()]);

export const ProfileCard = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  bio: NullableText,
  image: NullableText,
  /** Whether the forwarded viewer follows this user; false for an anonymous call. */
  following: Type.Boolean(),
});
const UsernameParams = Type.Object({ username: Type.String({ maxLength: 200 }) });

export const profilesApi = {
  /** GET `?ids=1,2`: the profiles of many users as the viewer sees them, in one call. */
  batch: {
    path: '/profiles',
    query: Type.Object({ ids: Type.String() }),
    response: Type.Object({ profiles: Type.Array(ProfileCard) }),
  },
  /** GET, 404 for an unknown username. */
  one: {
    path: '/profiles/:username',
    params: UsernameParams,
    response: Type.Object({ profile: ProfileCard }),
  },
  /** PUT follows, DELETE unfollows, for the forwarded viewer; both idempotent. */
  follow: {
    path: '/profiles/:username/followers/me',
    params: UsernameParams,
    response: Type.Object({ profile: ProfileCard }),
  },
  /** GET: the ids of the users the viewer follows, for the feed. */
  followees: { path: '/followees', response: Type.Object({ ids: Type.Array(Type.Integer()) }) },
} as const;

export type ProfileCard = Static<typeof ProfileCard>;
