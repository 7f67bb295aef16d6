import { area } from '../check.js';
import { assert, ok } from '../expect.js';
import { publish, signUp, uniqueTag } from '../fixtures.js';

/** Spec: endpoints.md "Get Tags". */
export const tagChecks = area('tags', {
  'when an article is created with new tags, then GET /tags lists them without a token': async ({
    api,
    eventually,
  }) => {
    const author = await signUp(api, 'tagsmith');
    const tags = [uniqueTag('fresh'), uniqueTag('new')];
    await publish(api, author, { tagList: tags });
    await eventually(async () => {
      const listed = ok(await api.tags()).tags;
      const missing = tags.filter((tag) => !listed.includes(tag));
      assert(
        missing.length === 0,
        `GET /api/tags lacks ${missing.join(', ')} (it lists ${listed.length} tags)`,
      );
    });
  },

  'when tags are listed, then each tag appears once': async ({ api, eventually }) => {
    const author = await signUp(api, 'tagtwice');
    const tag = uniqueTag('shared');
    await publish(api, author, { tagList: [tag] });
    await publish(api, author, { tagList: [tag] });
    await eventually(async () => {
      const listed = ok(await api.tags()).tags;
      const copies = listed.filter((t) => t === tag).length;
      assert(copies === 1, `tag ${tag}, used by two articles, is listed ${copies} times`);
    });
  },
});
