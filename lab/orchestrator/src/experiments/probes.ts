import type { ConduitClient, Reply } from '@journey/conformance';
import type { Capability } from '@journey/topology';

export interface Account {
  username: string;
  token: string;
}

/** Data the probes read and write, made through the API before anything is broken. */
export interface ProbeFixture {
  author: Account;
  reader: Account;
  slug: string;
  /** Unique to this run: part of every title and comment the probes write, so each write can be found again. */
  run: string;
}

/** What the client was finally told about a write: stored (2xx), refused (any other status), or nothing. */
export type WriteAnswer =
  | { kind: 'acknowledged' }
  /** `said`: the status and the start of the body, for the report to show what the client was told. */
  | { kind: 'refused'; said: string }
  | { kind: 'unanswered' };

/**
 * What the probes were told about each write, so the experiment can check afterwards that nothing
 * acknowledged went missing, that no refused write was stored anyway, and that no write was stored twice.
 */
export interface Ledger {
  /** Per article title (each written once, by one probe). */
  articles: Map<string, WriteAnswer>;
  /** Per comment body (each written once, by one probe). */
  comments: Map<string, WriteAnswer>;
  /** The reader's favorite state as last acknowledged; favorites run in one lane so this is the truth. */
  acknowledgedFavorite: boolean | undefined;
  /**
   * The last favorite or unfavorite sent and what it was told: one left unanswered or refused may still
   * have changed the state after the last acknowledgement.
   */
  lastFavorite?: { favorited: boolean; answer: WriteAnswer };
}

export const emptyLedger = (): Ledger => ({
  articles: new Map(),
  comments: new Map(),
  acknowledgedFavorite: undefined,
});

const answerOf = (reply: Reply): WriteAnswer =>
  reply.status >= 200 && reply.status < 300
    ? { kind: 'acknowledged' }
    : { kind: 'refused', said: `${reply.status} ${reply.text.slice(0, 120)}` };
const UNANSWERED: WriteAnswer = { kind: 'unanswered' };

/**
 * Publishes an article with an `Idempotency-Key`; when no answer comes back the client cannot know
 * whether it was stored, so it sends the same request with the same key once more, as a careful
 * client would. Whether that stores the article twice is the system's to get right.
 */
async function publish(client: ConduitClient, fixture: ProbeFixture, ledger: Ledger, sequence: number) {
  const title = `probe ${fixture.run} ${sequence}`;
  const send = () =>
    client.call('CreateArticle', {
      token: fixture.author.token,
      headers: { 'idempotency-key': `${fixture.run}-${sequence}` },
      body: { article: { title, description: 'a probe write', body: 'Written under a fault.', tagList: [] } },
    });
  ledger.articles.set(title, UNANSWERED);
  const reply = await send().catch(send);
  ledger.articles.set(title, answerOf(reply));
  return reply;
}

export interface Probe {
  capability: Capability;
  /** Lanes running this probe at once; 1 where the ledger needs a strict order. */
  lanes: number;
  run(client: ConduitClient, fixture: ProbeFixture, ledger: Ledger, sequence: number): Promise<Reply>;
}

const body = (reply: Reply) => reply.body as Record<string, Record<string, unknown>> | undefined;

/** One probe per capability: together they cover every Conduit resource, reads and writes (articles publish too). */
export const probes: Probe[] = [
  {
    capability: 'users',
    lanes: 1,
    run: (client, { reader }) => client.currentUser(reader.token),
  },
  {
    capability: 'profiles',
    lanes: 2,
    run: (client, { author, reader }) => client.profile(author.username, reader.token),
  },
  {
    capability: 'articles',
    lanes: 2,
    run(client, fixture, ledger, sequence) {
      if (sequence % 3 === 0) return client.listArticles({ limit: 5 }, fixture.reader.token);
      if (sequence % 3 === 1) return client.getArticle(fixture.slug, fixture.reader.token);
      return publish(client, fixture, ledger, sequence);
    },
  },
  {
    capability: 'favorites',
    lanes: 1,
    async run(client, { slug, reader }, ledger, sequence) {
      const favoriting = sequence % 2 === 0;
      ledger.lastFavorite = { favorited: favoriting, answer: UNANSWERED };
      const reply = favoriting
        ? await client.favorite(reader.token, slug)
        : await client.unfavorite(reader.token, slug);
      ledger.lastFavorite = { favorited: favoriting, answer: answerOf(reply) };
      const favorited = body(reply)?.article?.favorited;
      if (reply.status === 200 && typeof favorited === 'boolean') ledger.acknowledgedFavorite = favorited;
      return reply;
    },
  },
  {
    capability: 'comments',
    lanes: 2,
    async run(client, { slug, reader, run }, ledger, sequence) {
      if (sequence % 2 === 0) return client.comments(slug, reader.token);
      const text = `probe comment ${run} ${sequence}`;
      ledger.comments.set(text, UNANSWERED);
      const reply = await client.addComment(reader.token, slug, text);
      ledger.comments.set(text, answerOf(reply));
      return reply;
    },
  },
];
