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
});
