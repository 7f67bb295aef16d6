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
}

/**
 * What the probes were told was stored, so the experiment can check afterwards that nothing a
 * client saw acknowledged went missing.
 */
export interface Ledger {
  acknowledgedComments: Set<number>;
  /** The reader's favorite state as last acknowledged; favorites run in one lane so this is the truth. */
  acknowledgedFavorite: boolean | undefined;
}

export interface Probe {
  capability: Capability;
  /** Lanes running this probe at once; 1 where the ledger needs a strict order. */
  lanes: number;
  run(client: ConduitClient, fixture: ProbeFixture, ledger: Ledger, sequence: number): Promise<Reply>;
}

const body = (reply: Reply) => reply.body as Record<string, Record<string, unknown>> | undefined;

/** One probe per capability: together they cover every Conduit resource, reads and writes. */
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
    run: (client, { slug, reader }, _ledger, sequence) =>
      sequence % 2 === 0
        ? client.listArticles({ limit: 5 }, reader.token)
        : client.getArticle(slug, reader.token),
  },
  {
    capability: 'favorites',
    lanes: 1,
    async run(client, { slug, reader }, ledger, sequence) {
      const reply =
        sequence % 2 === 0
          ? await client.favorite(reader.token, slug)
          : await client.unfavorite(reader.token, slug);
      const favorited = body(reply)?.article?.favorited;
      if (reply.status === 200 && typeof favorited === 'boolean') ledger.acknowledgedFavorite = favorited;
      return reply;
    },
  },
  {
    capability: 'comments',
    lanes: 2,
    async run(client, { slug, reader }, ledger, sequence) {
      if (sequence % 2 === 0) return client.comments(slug, reader.token);
      const reply = await client.addComment(reader.token, slug, `probe comment ${sequence}`);
      const id = body(reply)?.comment?.id;
      if (reply.status === 201 && typeof id === 'number') ledger.acknowledgedComments.add(id);
      return reply;
    },
  },
];
