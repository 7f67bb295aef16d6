import { defineTopology, everyCapability, LOST_ANSWER_EXPERIMENT } from '@journey/topology';

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
  experiments: [
    {
      name: 'comments-down',
      title: 'the process that serves comments crashes',
      fault: { kind: 'kill', processes: ['app'] },
      expect: everyCapability('down (no answer)'),
      lesson:
        'Ports and adapters decide which way the code depends, not where it runs: the domain, every use ' +
        'case and every adapter share one process, so a crash while serving comments stops every ' +
        'capability at once. Nothing acknowledged is lost (each write was committed before its answer) and ' +
        'one restart brings everything back. The hexagon pays off elsewhere: the same use cases run on ' +
        'SQLite, PostgreSQL or in memory and are tested without a server. Isolation at run time needs ' +
        'separate processes (run it on microservices).',
    },
    LOST_ANSWER_EXPERIMENT,
  ],
});
