import type { FunctionPlan } from '../../core/operation.js';

export const commentsPlan = {
  name: 'comments',
  operationIds: ['GetArticleComments', 'CreateArticleComment', 'DeleteArticleComment'],
} as const satisfies FunctionPlan;
