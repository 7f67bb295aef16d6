import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'layered',
  sources: ['src'],
  structure: { kind: 'layers', folder: 'src' },
  rules: './architecture.rules.ts',
});
