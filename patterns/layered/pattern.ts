import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'layered',
  sources: ['src'],
  structure: [{ unit: 'layers', foldersIn: 'src' }],
  rules: './architecture.rules.ts',
});
