/**
 * pattern: the enterprise data-access layer. The three SOA services share one database (ADR 13), and
 * this is the one library they all link to read it into the canonical model of @journey/soa-contracts.
 * A change to the schema is a change here, released to every service at once: the coupling SOA accepts.
 */
export { type ArticleSelection, articlePage } from './article-pages.js';
export { type ArticleRecord, articleById, articleBySlug, articleRecord } from './articles.js';
export { type CommentRecord, commentById, commentRecord, commentsOfArticle } from './comments.js';
export {
  type EnterpriseDb,
  followersCount,
  follows,
  type Person,
  personNamed,
  profileOf,
} from './people.js';
