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
      title: "publish → followers' feeds lag, on each broker (or --broker's)",
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
      usage: 'events projections | replay <projection> | dlq [replay <service> <id>] [--all]',
      summary: 'read models (rebuild one from the history), dead letters (replay one)',
      module: './lab/events.command.ts',
    },
  ],
});
