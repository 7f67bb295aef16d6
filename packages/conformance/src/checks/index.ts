import type { Check } from '../check.js';
import { articleChecks } from './articles.js';
import { authChecks } from './auth.js';
import { commentChecks } from './comments.js';
import { corsChecks } from './cors.js';
import { errorChecks } from './errors.js';
import { favoriteChecks } from './favorites.js';
import { feedChecks } from './feed.js';
import { httpChecks } from './http.js';
import { idempotencyChecks } from './idempotency.js';
import { listChecks } from './lists.js';
import { profileChecks } from './profiles.js';
import { tagChecks } from './tags.js';
import { userChecks } from './users.js';

/** The whole suite, in the order it runs: the basics first, so their failures explain later ones. */
export const allChecks: readonly Check[] = [
  ...userChecks,
  ...authChecks,
  ...profileChecks,
  ...articleChecks,
  ...listChecks,
  ...feedChecks,
  ...favoriteChecks,
  ...commentChecks,
  ...tagChecks,
  ...corsChecks,
  ...httpChecks,
  ...errorChecks,
  ...idempotencyChecks,
];
