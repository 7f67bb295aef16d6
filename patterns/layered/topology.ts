import { defineTopology } from '@journey/topology';

// pattern: from the outside, the same one process and one database as the monolith. Layering is a
// choice about how the code inside is organised, so nothing here changes; look in src/ instead.
export default defineTopology({
  id: 'layered',
  title: 'Layered architecture',
  processes: [
    {
      name: 'app',
      command: ['node', '--import', 'tsx', 'patterns/layered/src/main.ts'],
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
