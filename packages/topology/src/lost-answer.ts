import { type ExperimentSpec, everyCapability } from './topology.js';

/**
 * The same experiment for every pattern, since the fault is in the network, not in any design: the
 * answer to a publish is lost after the article was stored, and the client retries with the same
 * `Idempotency-Key`. Every pattern must end with exactly one article.
 */
export const LOST_ANSWER_EXPERIMENT: ExperimentSpec = {
  name: 'lost-answer',
  title: 'the answer to every 3rd publish is lost after the article was stored; the client retries',
  fault: { kind: 'lose-answers', request: 'POST /api/articles', every: 3 },
  expect: everyCapability('kept working'),
  lesson:
    'A client whose connection fails after it sent a write cannot tell whether the write was stored, so ' +
    'it sends it again. Without a key that second request is a second article; with an Idempotency-Key ' +
    'the server recognises the retry, answers what it answered the first time and writes nothing, so ' +
    'exactly one article exists. Retries are only safe when the server, not the client, makes them so.',
};
