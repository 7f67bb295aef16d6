import { createLogger, onShutdown } from '@journey/platform';
import Fastify from 'fastify';

// Baseline (a): the framework ceiling. Whatever a Conduit endpoint does, it cannot beat this on this machine.
const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
// Like every lab process: stops on SIGTERM, and on its own when the lab that started it is gone.
onShutdown(createLogger('baseline-hello-world'), () => app.close());
