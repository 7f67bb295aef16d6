/**
 * pattern: database per service. Articles' database holds the articles group of the Conduit schema
 * (articles, tags, their links, favorites) and nothing else (ADR 0010), so the filter, tag and
 * favorite statements of that group serve this service too. The author is an identity id with no
 * foreign key: identity's users live in another database.
 */
export { type ArticlesTables, articlesMigrations } from '@journey/conduit-sql/articles';
