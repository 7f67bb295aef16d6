import type { FunctionPlan } from '../../core/operation.js';

export const feedPlan = {
  name: 'feed',
  operationIds: ['GetArticlesFeed'],
} as const satisfies FunctionPlan;
