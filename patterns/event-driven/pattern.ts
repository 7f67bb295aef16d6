import { catalogue } from '@journey/event-driven-events';
import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'event-driven',
  sources: ['services', 'gateway', 'libs'],
  structure: [
    { unit: 'services', foldersIn: 'services' },
    { unit: 'events', names: catalogue.map((event) => event.type) },
  ],
  rules: './architecture.rules.ts',
  benches: [
    {
      name: 'propagation',
      title: "publish → followers' feeds lag, --runs runs on each broker (or --broker's)",
      module: './bench/propagation.bench.ts',
      options: [
        { name: 'rate', description: 'article publishes per second', default: 100, min: 1, max: 2_000 },
        {
          name: 'followers',
          description: 'followers of the author, feeds per publish',
          default: 20,
          min: 0,
          max: 1_000,
        },
        {
          name: 'runs',
          description: 'runs per broker, one after another, each --duration seconds long',
          default: 10,
          min: 1,
          max: 50,
        },
      ],
    },
    {
      name: 'consumer-batches',
      title: 'the views consumer alone: events/s, one per transaction vs batches',
      module: './bench/consumer-batches.bench.ts',
    },
  ],
  commands: [
    {
      name: 'events',
      usage: 'events projections | replay <projection> | dlq [replay <service> <id>] [--all] | verify',
      summary:
        'read models (rebuild one from the history), dead letters (replay one), every published event checked against the catalogue (verify)',
      module: './lab/events.command.ts',
    },
  ],
  exercise: {
    title: 'Notifications, exactly once',
    task: [
      'Add services/notifications: tell authors about each comment others post on their articles, exactly once,',
      'although the broker delivers at least once (twice, after a restart, or before the article it refers to).',
      "services/notifications/src/app.ts exports buildNotifications({ databaseUrl, broker, logger }): the kit's",
      "startService with service: 'notifications', publishes: false and a consumer of ArticlePublished,",
      'ArticleDeleted and CommentAdded, resolving to { app, close } like services/comments/src/app.ts.',
      'GET /notifications for the viewer in x-journey-viewer-id (401 without one) answers',
      '{ notifications: [{ commentId, articleId, commenterId, body, createdAt }] }, newest first; none for',
      "your own comments; a deleted article's go with it. Change no other service; import none of their code.",
    ],
    tests: ['exercise/notifications.test.ts'],
    rules: true,
    hints: [
      'Build it like services/comments/src/app.ts. The kit applies each event in the transaction that records its id in the inbox, so a redelivery changes nothing, as long as apply writes only through the tx it is given.',
      "Keep everything in the service's own database (migrations named notifications-001-…), never in memory: the check builds the service again on the same database.",
      'A CommentAdded may come before its ArticlePublished. Throwing is retried in place and then parked as a dead letter (the failure says "it parked …"). Store every comment and decide who is notified when reading: join the comments with the article authors.',
      "Leave out the viewer's own comments in that query, and on ArticleDeleted delete the article's author row and its comments.",
      "A rule violation means the service imports another service's code: learn about articles and comments only from @journey/event-driven-events.",
    ],
    solution: 'exercise/solution.patch',
  },
});
