import { definePattern } from '@journey/topology';
import { notifyAuthorExercise } from './exercise/declaration.js';
import { conduitFunctions, eventFunctions } from './functions/index.js';

export default definePattern({
  slug: 'serverless',
  sources: ['functions', 'core', 'platforms', 'lab'],
  // The functions are what gets deployed and scaled, and the function map names them (HTTP and
  // event-triggered alike); reading it loads no handler.
  structure: [{ unit: 'functions', names: [...conduitFunctions, ...eventFunctions].map(({ name }) => name) }],
  rules: './architecture.rules.ts',
  experiments: [
    {
      name: 'cold-start-storm',
      title:
        '50 concurrent first calls on a fresh runtime: latency distribution, cold starts, instances per function, database connections held',
      module: './lab/cold-start-storm.experiment.ts',
    },
    {
      name: 'connection-exhaustion',
      title:
        'a burst of reads against a database with a low CONNECTION LIMIT, with unlimited instances and then with the instance cap',
      module: './lab/connection-exhaustion.experiment.ts',
    },
  ],
  benches: [
    {
      name: 'cold-starts',
      title:
        'cold against warm: a burst of first calls on a fresh runtime, per-function latency, instances, monthly cost',
      module: './lab/cold-starts.bench.ts',
      options: [
        {
          name: 'starts',
          description: 'concurrent first calls on the fresh runtime (cold starts up to the instance cap)',
          default: 10,
          min: 1,
          max: 25,
        },
        {
          name: 'requests-per-month',
          description: 'the workload the measured warm duration is priced at',
          default: 100_000_000,
          min: 1,
          max: 1_000_000_000_000,
        },
      ],
    },
  ],
  exercise: notifyAuthorExercise,
});
