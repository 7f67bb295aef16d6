import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'microservices',
  sources: ['services', 'gateway', 'libs'],
  structure: [{ unit: 'services', foldersIn: 'services' }],
  rules: './architecture.rules.ts',
});
