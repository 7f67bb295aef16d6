import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'monolith',
  sources: ['src'],
  structure: [{ unit: 'modules', foldersIn: 'src/modules' }],
  rules: './architecture.rules.ts',
  exercise: {
    title: 'Bookmarks as a fifth module',
    task: [
      'Add bookmarks ("read later") as src/modules/bookmarks/, without touching the users or comments modules.',
      'POST /api/articles/:slug/bookmark → 200 {"bookmark":{"slug","title","bookmarkedAt"}}; twice keeps one, and its first time.',
      'DELETE /api/articles/:slug/bookmark → 204, also when there was none. Unknown slug → 404 on "article"; no token → 401.',
      'GET /api/user/bookmarks[?limit&offset] → 200 {"bookmarks":[…],"bookmarksCount":N}: yours, most recent first,',
      '  each with its article\'s current slug and title; a bad limit → 422 on "limit".',
      'Keep them in a "bookmarks" table your module owns; deleting an article deletes its bookmarks in the same transaction.',
      'The module rules still hold: other modules only through their index.ts.',
    ],
    tests: ['exercise/bookmarks.test.ts'],
    rules: true,
    hints: [
      'Copy the comments module’s shape: a service, an index.ts that wires it, an articles.onDeleted listener.',
      'Declare BookmarksTables in bookmarks.tables.ts and a migration in bookmarks.migrations.ts; add both to database/schema.ts and database/migrations.ts through your index.ts.',
      'Resolve a slug with ArticlesApi.idOf (404 for free). Store the article id, not the slug: the slug changes with the title.',
      'For the slug and title in the list, add one method to ArticlesApi (articles/index.ts) that reads them by ids.',
      'Bookmarks are not in the RealWorld route table: register plain Fastify routes on the app in app.ts; Unauthorized, NotFound and parsePage’s ValidationFailed already answer 401, 404 and 422.',
      'A UNIQUE (user_id, article_id) with ON CONFLICT DO NOTHING makes a second bookmark a no-op, even under a race.',
    ],
    solution: 'exercise/solution.patch',
  },
});
