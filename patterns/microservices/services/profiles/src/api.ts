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
  /**
   * GET: the ids of the users the viewer follows, for the feed; with `?among=1,2` only those among
   * them, for the `following` flags of a page's authors.
   */
  followees: {
    path: '/followees',
    query: Type.Object({ among: Type.Optional(Type.String()) }),
    response: Type.Object({ ids: Type.Array(Type.Integer()) }),
  },
} as const;

export type ProfileCard = Static<typeof ProfileCard>;
