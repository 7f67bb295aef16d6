import type { MessagingDatabase } from '@journey/event-driven-outbox';

/** The longest a caller may hold a request open waiting for events to be applied. */
export const MAX_APPLIED_WAIT_MS = 5_000;
// Another process of the same group may apply an event: nothing wakes us then, so we look again.
const POLL_MS = 100;

export type AppliedAnswer = { applied: true } | { applied: false; missing: string[] };

/**
 * pattern: read-your-writes. The gateway asks a consumer "have you applied these events?" and this
 * answers as soon as the inbox holds every one (woken in-process when the consumer applies one,
 * polling as a fallback), or after `waitMs` with the ones still missing.
 */
export function createAppliedWaiter(database: MessagingDatabase, group: string) {
  /** Each waiting request: the events it still misses, and how to wake it. */
  const waiting = new Set<{ missing: Set<string>; wake: () => void }>();
  let closed = false;

  async function missingAmong(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await database.db
      .selectFrom('inbox')
      .select('event_id')
      .where('consumer_group', '=', group)
      .where('event_id', 'in', [...ids])
      .execute();
    const applied = new Set(rows.map((row) => row.event_id));
    return ids.filter((id) => !applied.has(id));
  }

  /** Sleeps until every id in `missing` was settled here, or `ms` passed, or the server closes. */
  const nap = (missing: readonly string[], ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        missing: new Set(missing),
        wake: () => {
          clearTimeout(timer);
          waiting.delete(entry);
          resolve();
        },
      };
      const timer = setTimeout(entry.wake, ms);
      waiting.add(entry);
    });

  return {
    async wait(ids: readonly string[], waitMs: number): Promise<AppliedAnswer> {
      const deadline = Date.now() + Math.min(Math.max(waitMs, 0), MAX_APPLIED_WAIT_MS);
      let missing = await missingAmong(ids);
      while (missing.length > 0 && !closed && Date.now() < deadline) {
        await nap(missing, Math.min(POLL_MS, deadline - Date.now()));
        missing = await missingAmong(missing);
      }
      return missing.length === 0 ? { applied: true } : { applied: false, missing };
    },
    /**
     * The consumer settled event `eventId`: a request that waited for it alone looks at the inbox
     * again (once, not once per event: under load hundreds of requests wait, and every event would
     * otherwise cost each of them a query). A settled event may have been dead-lettered rather than
     * applied, which is why the inbox has the last word.
     */
    notify(eventId: string) {
      for (const entry of [...waiting]) {
        entry.missing.delete(eventId);
        if (entry.missing.size === 0) entry.wake();
      }
    },
    /** Something was applied outside the consumer (a dead letter replayed): every request looks again. */
    recheckAll() {
      for (const entry of [...waiting]) entry.wake();
    },
    /** Lets every waiting request answer now, so shutting down does not wait out their long polls. */
    close() {
      closed = true;
      for (const entry of [...waiting]) entry.wake();
    },
  };
}

export type AppliedWaiter = ReturnType<typeof createAppliedWaiter>;
