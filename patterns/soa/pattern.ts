import { definePattern } from '@journey/topology';
import { contractVersionExercise } from './exercise/declaration.js';

export default definePattern({
  slug: 'soa',
  sources: ['services', 'bus', 'registry', 'libs'],
  structure: [{ unit: 'services', foldersIn: 'services' }],
  rules: './architecture.rules.ts',
  benches: [
    {
      name: 'wire',
      title: 'the same Conduit calls as SOAP envelopes and as JSON: bytes on the wire, CPU per message',
      module: './bench/wire.bench.ts',
      options: [
        {
          name: 'messages',
          description: 'round trips per operation and encoding, per round',
          default: 1_000,
          min: 10,
          max: 100_000,
        },
      ],
    },
  ],
  commands: [
    {
      name: 'soa',
      usage: 'soa services [--registry <url>]',
      summary:
        "the running registry: each service's contract versions, live instances (endpoint, WSDL, lease) and where each major is routed",
      module: './lab/services.command.ts',
    },
  ],
  exercise: contractVersionExercise,
});
