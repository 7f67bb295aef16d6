import type { FunctionPlan } from '../../core/operation.js';

export const profilesPlan = {
  name: 'profiles',
  operationIds: ['GetProfileByUsername', 'FollowUserByUsername', 'UnfollowUserByUsername'],
} as const satisfies FunctionPlan;
