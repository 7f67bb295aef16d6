import type { FunctionPlan } from '../../core/operation.js';

export const usersPlan = {
  name: 'users',
  operationIds: ['Login', 'CreateUser', 'GetCurrentUser', 'UpdateCurrentUser'],
} as const satisfies FunctionPlan;
