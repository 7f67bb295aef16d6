import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'monolith',
  sources: ['src'],
  structure: [{ unit: 'modules', foldersIn: 'src/modules' }],
  rules: './architecture.rules.ts',
});
