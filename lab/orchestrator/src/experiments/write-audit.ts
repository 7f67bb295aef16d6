import type { ConduitClient } from '@journey/conformance';
import type { Ledger, ProbeFixture, WriteAnswer } from './probes.js';

/** What the system holds of the probes' writes once the fault is over, as its API shows it. */
export interface StoredWrites {
  /** The author's article titles, one entry per article (a title twice is an article stored twice). */
  articleTitles: string[];
  /** Bodies of the comments on the fixture's article, one entry per comment. */
  commentBodies: string[];
  /** Whether the reader has favorited the fixture's article. */
  favorited: boolean | undefined;
}

export interface WriteAudit {
  /** Acknowledged writes the system does not show: must be empty. */
  lost: string[];
  /** Writes answered with an error that the system stored all the same: the answer lied. */
  committedDespiteError: string[];
  /** Writes stored more than once: a retry the system did not recognise. */
  duplicated: string[];
}

const countOf = (values: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

/** Compares what the probes were told with what is stored. */
export function auditWrites(ledger: Ledger, stored: StoredWrites): WriteAudit {
  const audit: WriteAudit = { lost: [], committedDespiteError: [], duplicated: [] };
  const check = (what: string, told: Map<string, WriteAnswer>, copies: Map<string, number>) => {
    for (const [key, answer] of told) {
      const count = copies.get(key) ?? 0;
      if (answer.kind === 'acknowledged' && count === 0) audit.lost.push(`${what} "${key}"`);
      if (answer.kind === 'refused' && count > 0)
        audit.committedDespiteError.push(`${what} "${key}", answered ${answer.said}`);
      if (count > 1) audit.duplicated.push(`${what} "${key}" ×${count}`);
    }
  };
  check('article', ledger.articles, countOf(stored.articleTitles));
  check('comment', ledger.comments, countOf(stored.commentBodies));
  auditFavorite(ledger, stored, audit);
  return audit;
}

/**
 * The favorite is one state toggled by one lane: what is stored must be what was last acknowledged,
 * unless a later toggle without a 2xx changed it. Unanswered, the client could not know (no finding);
 * refused, it was stored despite the error.
 */
function auditFavorite(ledger: Ledger, stored: StoredWrites, audit: WriteAudit) {
  const acknowledged = ledger.acknowledgedFavorite;
  if (acknowledged === undefined || stored.favorited === acknowledged) return;
  const last = ledger.lastFavorite;
  if (last && last.answer.kind !== 'acknowledged' && last.favorited === stored.favorited) {
    if (last.answer.kind === 'refused')
      audit.committedDespiteError.push(
        `${last.favorited ? 'favorite' : 'unfavorite'}, answered ${last.answer.said}`,
      );
    return;
  }
  audit.lost.push(`favorite: acknowledged ${acknowledged}, stored ${String(stored.favorited)}`);
}

/** Reads back, through the public API, everything the probes may have written. */
export async function readStoredWrites(client: ConduitClient, fixture: ProbeFixture): Promise<StoredWrites> {
  const articleTitles: string[] = [];
  for (let total = Number.POSITIVE_INFINITY; articleTitles.length < total; ) {
    const page = await client.listArticles(
      { author: fixture.author.username, limit: 100, offset: articleTitles.length },
      fixture.reader.token,
    );
    const body = page.body as { articles?: Array<{ title: string }>; articlesCount?: number } | undefined;
    if (page.status !== 200 || !body?.articles) throw new Error(`listing articles answered ${page.status}`);
    if (body.articles.length === 0) break;
    articleTitles.push(...body.articles.map((article) => article.title));
    total = body.articlesCount ?? articleTitles.length;
  }
  const comments = await client.comments(fixture.slug, fixture.reader.token);
  const listed = (comments.body as { comments?: Array<{ body: string }> } | undefined)?.comments;
  if (comments.status !== 200 || !listed) throw new Error(`listing comments answered ${comments.status}`);
  const article = await client.getArticle(fixture.slug, fixture.reader.token);
  return {
    articleTitles,
    commentBodies: listed.map((comment) => comment.body),
    favorited: (article.body as { article?: { favorited?: boolean } } | undefined)?.article?.favorited,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Audits the writes until the read side shows every acknowledged one (a read model catching up after
 * the fault) or `limitMs` runs out; `convergedMs` is how long that took, undefined if it never did.
 */
export async function auditUntilConverged(
  read: () => Promise<StoredWrites>,
  ledger: Ledger,
  limitMs: number,
): Promise<{ audit: WriteAudit; convergedMs: number | undefined }> {
  const started = performance.now();
  for (;;) {
    const audit = await read().then(
      (stored) => auditWrites(ledger, stored),
      (error: Error) => ({
        lost: [`the writes could not be read back: ${error.message}`],
        committedDespiteError: [],
        duplicated: [],
      }),
    );
    const elapsed = performance.now() - started;
    if (audit.lost.length === 0) return { audit, convergedMs: Math.round(elapsed) };
    if (elapsed > limitMs) return { audit, convergedMs: undefined };
    await sleep(200);
  }
}
