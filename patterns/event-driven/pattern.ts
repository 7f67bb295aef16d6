import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'event-driven',
  sources: ['services', 'gateway', 'libs'],
  structure: { kind: 'services', folder: 'services' },
  rules: './architecture.rules.ts',
});
