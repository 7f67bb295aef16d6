import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'hexagonal',
  sources: ['src'],
  structure: [
    { unit: 'driving ports', filesIn: 'src/application/ports/driving', suffix: '.port.ts' },
    { unit: 'driven ports', filesIn: 'src/application/ports/driven', suffix: '.port.ts' },
    { unit: 'use cases', filesIn: 'src/application/use-cases', suffix: '.use-case.ts' },
  ],
  rules: './architecture.rules.ts',
});
