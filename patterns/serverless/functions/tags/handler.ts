import { popularTagNames } from '@journey/conduit-sql/articles';
import { conduitFunction } from '../../core/conduit-function.js';
import { tagsPlan } from './plan.js';

const tags = conduitFunction(tagsPlan, {
  GetTags: async ({ database }) => ({ tags: await popularTagNames(database.db) }),
});

export const handler = tags.handler;
export const definition = tags;
