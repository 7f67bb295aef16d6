import { defineTopology } from '@journey/topology';

// pattern: one process, one database. Everything the other patterns split apart lives here together.
export default defineTopology({
  id: 'monolith',
  title: 'Modular monolith',
  processes: [
    {
      name: 'app',
      command: ['node', '--import', 'tsx', 'patterns/monolith/src/main.ts'],
      portEnv: 'PORT',
      workersEnv: 'WORKERS',
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
