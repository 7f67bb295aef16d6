import { defineTopology, everyCapability, LOST_ANSWER_EXPERIMENT } from '@journey/topology';

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
  experiments: [
    {
      name: 'comments-down',
      title: 'the process that serves comments crashes',
      fault: { kind: 'kill', processes: ['app'] },
      expect: everyCapability('down (no answer)'),
      lesson:
        'Comments share one process with everything else, so a crash there is a crash everywhere: sign-in, ' +
        'articles, profiles and favorites go down with it. Nothing acknowledged is lost (each write was ' +
        'committed before its answer) and one restart brings everything back. Run the same experiment on ' +
        'microservices for the opposite trade-off.',
    },
    LOST_ANSWER_EXPERIMENT,
  ],
});
