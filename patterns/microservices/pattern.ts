import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'microservices',
  sources: ['services', 'gateway', 'libs'],
  structure: [{ unit: 'services', foldersIn: 'services' }],
  rules: './architecture.rules.ts',
  exercise: {
    title: 'A profile summary that survives the articles service',
    task: [
      'Add GET /api/profiles/:username/summary to the gateway: { summary: { username, bio, image, following,',
      'articlesCount } }. The profile comes from profiles; the count from articles, over HTTP, through a route',
      'articles owns and publishes in its src/api.ts: GET /authors/:authorId/articles-count -> { articlesCount }.',
      'The profile is essential (profiles down: 503 naming it); the count is not. When articles is down, hangs',
      'past the call budget, or is an older release without the route, the summary still answers 200 with',
      'articlesCount: null and the header x-journey-degraded: articles. The rules must still hold.',
    ],
    tests: ['exercise/profile-summary.test.ts'],
    rules: true,
    hints: [
      "The count is the articles service's data: add the query to articles.queries.ts, the route to articles.routes.ts and its schema to api.ts; the gateway reads no other database.",
      "Give the gateway's articles client (gateway/src/clients/articles.client.ts) a countByAuthor(authorId) that calls the new route; the client already carries the timeout, retries and breaker.",
      'Register the route inside the scope in gateway/src/app.ts that calls answerDownstreamFailures, so profiles down becomes the usual 503 naming profiles.',
      "Catch the count call's failures, both DownstreamUnavailable (down, hung, breaker open) and DownstreamAnswered (an older articles answering 404), and answer articlesCount: null with x-journey-degraded: articles.",
      'null, not 0: a user with no articles has 0; when articles cannot say, nobody knows.',
      "The profile card from profiles carries the user's id; the public summary must not (compare it with GET /api/profiles/:username).",
      'The token is optional, as on GET /api/profiles/:username: read "Authorization: Token <jwt>" and verify it with the gateway\'s tokens.verify; no token, or one that does not verify, is anonymous.',
    ],
    solution: 'exercise/solution.patch',
  },
});
