import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'microservices',
  sources: ['services', 'gateway', 'libs'],
  structure: { kind: 'services', folder: 'services' },
  rules: './architecture.rules.ts',
});
