import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'hexagonal',
  sources: ['src'],
  structure: {
    kind: 'ports',
    driving: 'src/application/ports/driving',
    driven: 'src/application/ports/driven',
    useCases: 'src/application/use-cases',
  },
  rules: './architecture.rules.ts',
});
