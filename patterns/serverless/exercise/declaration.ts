import type { ExerciseDeclaration } from '@journey/topology';

/**
 * The serverless stage's exercise (roadmap/serverless.md, checkpoint `exercise`): a second
 * event-triggered function, fed by an event the comments function publishes after its write commits.
 * pattern.ts declares it as `exercise`.
 */
export const notifyAuthorExercise: ExerciseDeclaration = {
  title: "Notify an article's author when someone comments: an event-triggered function",
  task: [
    'The comments function publishes `comment-added` once a comment is saved (after its write commits, never',
    'before); a new event function, functions/notify-author/, consumes it and records one row in a new table',
    "author_notifications (comment_id, article_id, author_id: the article's author, who is notified,",
    "commenter_id, created_at) for the article's author, and none when the commenter is the author. A delivery",
    'can repeat, so one comment makes at most one row. List it in eventFunctions (functions/index.ts) with the',
    'trigger comment-added and its own consumer group, notify-author, and deploy it as notify-followers is',
    'deployed: an AWS handler entry and a serverless.yml function behind an EventBridge rule on comment-added.',
  ],
  tests: ['exercise/notify-author.test.ts'],
  rules: true,
  hints: [
    'Follow article-published end to end: core/event-catalogue.ts (the type, its data parser, an event builder, and the broker rules, which must now accept both types), functions/articles/publishing.ts (publishAfterCommit once withFreeSlug has committed), functions/notify-followers/ (the event function) and eventFunctions in functions/index.ts.',
    'core/event-publisher.ts is typed for article-published only: let it publish any event of the catalogue (a union of the two), keyed by the article both carry.',
    "In functions/comments/comments.ts, publish after database.transaction(...) has resolved, with what notify-author needs: the comment's id, the article's id and its author, the commenter. Pass the function's logger down from handler.ts, as the articles handler does.",
    'The table is one migration more in core/event-tables.ts (z-serverless-002-…, after the first) and one more entry in EventTables; a primary key on comment_id with onConflict(...).doNothing() makes a redelivered event a no-op.',
    'Deploying it is copying notify-followers: platforms/aws/handlers/notify-author.ts, its function in deploy/aws/serverless.yml (and template.yaml) with detail-type comment-added, its group in topology.ts, and `node --import tsx patterns/serverless/deploy/gcf/generate.ts` for GCF; `npx vitest run patterns/serverless` then says what else still lists only notify-followers.',
    'notify-author must not import from functions/comments or functions/notify-followers (journey check serverless): a function imports only its own folder, functions/shared and core.',
    "The acceptance test delivers events the way the local runtime does (platforms/local/event-delivery.ts, the function map's eventFunctions): a function missing from the map is never invoked, and a refused event (its data did not parse) writes nothing.",
  ],
  solution: 'exercise/solution.patch',
};
