import type { FunctionPlan } from '../../core/operation.js';

export const articlesPlan = {
  name: 'articles',
  operationIds: [
    'GetArticles',
    'CreateArticle',
    'GetArticle',
    'UpdateArticle',
    'DeleteArticle',
    'CreateArticleFavorite',
    'DeleteArticleFavorite',
  ],
} as const satisfies FunctionPlan;
