import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'monolith',
  sources: ['src'],
  structure: { kind: 'modules', folder: 'src/modules' },
  rules: './architecture.rules.ts',
});
