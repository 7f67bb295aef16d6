import {
  CommentParams,
  FeedQuery,
  ListArticlesQuery,
  MultipleArticlesResponse,
  MultipleCommentsResponse,
  SingleArticleResponse,
  SingleCommentResponse,
  SlugParams,
  TagsResponse,
} from '@journey/contract';
import { EVENT_TYPES } from '@journey/event-driven-events';
import { type Static, Type } from '@sinclair/typebox';

/**
 * The views service's published API; the gateway imports these schemas and nothing else from here.
 * Reads answer in the public Conduit shapes, for the viewer forwarded in `x-journey-viewer-id`.
 */
export const viewsApi = {
  /** GET `?tag&author&favorited&limit&offset`: newest first. */
  articles: { path: '/articles', query: ListArticlesQuery, response: MultipleArticlesResponse },
  /** GET, viewer required: articles of the authors the viewer follows, newest first. */
  feed: { path: '/articles/feed', query: FeedQuery, response: MultipleArticlesResponse },
  article: { path: '/articles/:slug', params: SlugParams, response: SingleArticleResponse },
  tags: { path: '/tags', response: TagsResponse },
  /** GET: oldest first; 404 when the article is unknown. */
  comments: {
    path: '/articles/:slug/comments',
    params: SlugParams,
    response: MultipleCommentsResponse,
  },
  /** GET one comment by id, e.g. to answer a POST that created it. */
  comment: {
    path: '/comments/:id',
    params: Type.Pick(CommentParams, ['id']),
    response: SingleCommentResponse,
  },
  /** GET: each projection's size and how many recorded events feed it. */
  projections: {
    path: '/projections',
    response: Type.Object({
      projections: Type.Array(
        Type.Object({
          name: Type.String(),
          types: Type.Array(Type.String()),
          tables: Type.Array(Type.String()),
          rows: Type.Integer(),
          eventsSeen: Type.Integer(),
        }),
      ),
    }),
  },
  /** POST: rebuilds one projection from the event history (`article views` or `article-views`); 404 unknown. */
  replay: {
    path: '/projections/:name/replay',
    params: Type.Object({ name: Type.String({ maxLength: 100 }) }),
    response: Type.Object({ projection: Type.String(), events: Type.Integer(), rows: Type.Integer() }),
  },
  /** GET `?type=ArticlePublished&since=<ISO time>`: producer → read model lag of those events (the bench's figure). */
  lag: {
    path: '/events/lag',
    query: Type.Object({
      type: Type.Union(EVENT_TYPES.map((type) => Type.Literal(type))),
      since: Type.String({ format: 'date-time' }),
    }),
    response: Type.Object({
      events: Type.Integer(),
      p50Ms: Type.Number(),
      p99Ms: Type.Number(),
      maxMs: Type.Number(),
    }),
  },
} as const;

export type ReplayAnswer = Static<typeof viewsApi.replay.response>;
