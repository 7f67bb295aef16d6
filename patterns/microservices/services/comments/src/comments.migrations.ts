/**
 * pattern: database per service. Comments' database holds the comments group of the Conduit schema
 * and nothing else (ADR 0010). article_id and author_id belong to other services: plain integers,
 * no foreign keys; articles asks this service to delete an article's comments over HTTP.
 */
export { type CommentsTables, commentsMigrations } from '@journey/conduit-sql/comments';
