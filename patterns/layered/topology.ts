import { defineTopology, everyCapability, LOST_ANSWER_EXPERIMENT } from '@journey/topology';

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
  experiments: [
    {
      name: 'comments-down',
      title: 'the process that serves comments crashes',
      fault: { kind: 'kill', processes: ['app'] },
      expect: everyCapability('down (no answer)'),
      lesson:
        'Layers sort the code, not the running system: http, application, domain and persistence all live ' +
        'in one process, so a crash while serving comments takes sign-in, articles, profiles and favorites ' +
        'down too, exactly as in the monolith. Nothing acknowledged is lost (each write was committed before ' +
        'its answer) and one restart brings everything back. What layering buys is changeability inside the ' +
        'process (swap persistence without touching http), not isolation between capabilities: that takes ' +
        'separate processes (run it on microservices).',
    },
    LOST_ANSWER_EXPERIMENT,
  ],
});
