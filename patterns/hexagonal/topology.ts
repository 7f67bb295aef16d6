import { defineTopology } from '@journey/topology';

// pattern: from outside, hexagonal is one process and one database, like the monolith: the
// difference is inside, in which way the code's dependencies point (see README.md).
export default defineTopology({
  id: 'hexagonal',
  title: 'Hexagonal architecture (ports and adapters)',
  processes: [
    {
      name: 'app',
      command: ['node', '--import', 'tsx', 'patterns/hexagonal/src/main.ts'],
      portEnv: 'PORT',
      public: true,
      health: '/health',
      uses: ['db'],
    },
  ],
  infrastructure: [{ name: 'db', kind: 'database', urlEnv: 'DATABASE_URL' }],
  edges: [
    { from: 'client', to: 'app', protocol: 'http' },
    { from: 'app', to: 'db', protocol: 'sql' },
  ],
});
