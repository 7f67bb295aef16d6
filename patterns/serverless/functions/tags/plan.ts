import type { FunctionPlan } from '../../core/operation.js';

export const tagsPlan = { name: 'tags', operationIds: ['GetTags'] } as const satisfies FunctionPlan;
