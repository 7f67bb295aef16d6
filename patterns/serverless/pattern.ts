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
  exercise: notifyAuthorExercise,
});
