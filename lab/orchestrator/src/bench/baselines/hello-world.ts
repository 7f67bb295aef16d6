import Fastify from 'fastify';

// Baseline (a): the framework ceiling. Whatever a Conduit endpoint does, it cannot beat this on this machine.
const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
