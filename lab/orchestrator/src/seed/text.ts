import type { Random } from './random.js';

const WORDS = `architecture service module boundary latency throughput queue event broker consumer producer
schema migration index transaction isolation replica shard partition cache eviction retry timeout circuit
breaker gateway proxy mesh sidecar container deploy rollback canary feature flag metric trace span log
monolith layer port adapter domain entity aggregate repository handler command query projection outbox
inbox idempotent ordering backpressure batch stream window join lookup request response payload header
token session cookie secret rotation policy contract version compatibility test fixture benchmark profile
memory allocation garbage collector thread pool worker process socket connection handshake encryption
certificate readiness liveness probe health budget error rate saturation capacity scale cost tradeoff
simple coupling cohesion ownership team release cadence incident postmortem runbook alert dashboard`.split(
  /\s+/,
);

const TAGS = `architecture microservices monolith databases postgresql sqlite kafka rabbitmq nats events
testing performance observability security devops kubernetes serverless typescript node career design
caching api rest graphql grpc scaling reliability ddd hexagonal cqrs messaging cloud aws linux
networking concurrency algorithms refactoring legacy migration open-source tooling ci productivity
mentoring hiring startups debugging incidents sre cost`.split(/\s+/);

export const tagPool = TAGS;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function sentence(random: Random, min = 6, max = 16): string {
  const words = Array.from({ length: random.int(min, max) }, () => random.pick(WORDS));
  return `${capitalise(words.join(' '))}.`;
}

export const title = (random: Random) => sentence(random, 3, 8).slice(0, -1);

/** Article bodies of a few paragraphs, roughly 1–4 KB, like a real blog post's size. */
export function articleBody(random: Random): string {
  return Array.from({ length: random.int(3, 8) }, () =>
    Array.from({ length: random.int(3, 6) }, () => sentence(random)).join(' '),
  ).join('\n\n');
}
