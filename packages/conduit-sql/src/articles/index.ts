export { ARTICLE_SUMMARY_COLUMNS, type ArticleFilter, articlesMatching } from './article-filter.js';
export { articlesMigrations } from './articles.migrations.js';
export type {
  ArticlesTable,
  ArticlesTables,
  ArticleTagsTable,
  FavoritesTable,
  TagsTable,
} from './articles.tables.js';
export {
  deleteFavorite,
  favoritedAmong,
  insertFavorite,
  moveFavoritesCount,
} from './favorites.statements.js';
export { insertArticle, type NewArticleRow, withFreeSlug } from './new-article.statements.js';
export { linkTags, popularTagNames } from './tags.statements.js';
