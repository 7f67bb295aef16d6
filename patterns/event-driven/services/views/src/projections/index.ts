import type { EventType } from '@journey/event-driven-events';
import type { ViewsDatabaseTables } from '../views.tables.js';
import { type ArticleViewsTables, articleViewsProjection } from './article-views.projection.js';
import { type CommentsTables, commentsProjection } from './comments.projection.js';
import { type FeedTables, feedProjection } from './feed.projection.js';
import { type ProfilesTables, profilesProjection } from './profiles.projection.js';
import type { Projection } from './projection.js';
import { type TagPopularityTables, tagPopularityProjection } from './tag-popularity.projection.js';

export type { Projection } from './projection.js';

/** Every projection's tables: what the queries may join at read time. */
export type ProjectionTables = ProfilesTables &
  ArticleViewsTables &
  FeedTables &
  TagPopularityTables &
  CommentsTables;

/**
 * Each projection typed only with its own tables, handed the whole views database: safe, since that
 * database holds those tables too (Kysely's types are invariant in the table map, hence the cast).
 */
const overViews = <Own>(projection: Projection<Own>) =>
  projection as unknown as Projection<ViewsDatabaseTables>;

/** In the order a new event is applied to them (no projection depends on another's rows). */
export const projections: readonly Projection<ViewsDatabaseTables>[] = [
  overViews(profilesProjection),
  overViews(articleViewsProjection),
  overViews(feedProjection),
  overViews(tagPopularityProjection),
  overViews(commentsProjection),
];

export const projectionsTaking = (type: EventType) =>
  projections.filter((projection) => projection.types.includes(type));

/** `article views` or, easier to type in a URL or a shell, `article-views`. */
export const projectionNamed = (name: string) =>
  projections.find((projection) => projection.name === name.replaceAll('-', ' '));
