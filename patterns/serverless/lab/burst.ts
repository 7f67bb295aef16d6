/** One call of a burst: which function it is meant for and what it asks. All of them are reads. */
export interface BurstCall {
  function: string;
  path: string;
  token?: string;
}

export interface CallOutcome {
  function: string;
  path: string;
  /** The HTTP status, or 0 when no answer came (connection refused or reset). */
  status: number;
  ms: number;
  /** The field names of a JSON `errors` body (`database`), what a refused call said it failed on. */
  errorFields: string[];
}

/**
 * Sends every call at once and waits for all of them: the concurrency a burst of first calls puts on a
 * function runtime. A call that gets no answer is an outcome too (status 0), never a thrown burst.
 */
export function fireBurst(baseUrl: string, calls: readonly BurstCall[]): Promise<CallOutcome[]> {
  return Promise.all(calls.map((call) => send(baseUrl, call)));
}

async function send(baseUrl: string, call: BurstCall): Promise<CallOutcome> {
  const sent = performance.now();
  const answered = (status: number, errorFields: string[] = []): CallOutcome => ({
    function: call.function,
    path: call.path,
    status,
    ms: performance.now() - sent,
    errorFields,
  });
  try {
    const response = await fetch(`${baseUrl}${call.path}`, {
      headers: call.token ? { authorization: `Token ${call.token}` } : {},
    });
    const body = await response.text();
    return answered(response.status, response.ok ? [] : errorFieldsOf(body));
  } catch {
    return answered(0);
  }
}

function errorFieldsOf(body: string): string[] {
  try {
    const { errors } = JSON.parse(body) as { errors?: Record<string, unknown> };
    return errors && typeof errors === 'object' ? Object.keys(errors) : [];
  } catch {
    return [];
  }
}

/** `count` calls dealt round-robin over `kinds`, so every function gets its share of the burst. */
export const dealCalls = (kinds: readonly BurstCall[], count: number): BurstCall[] =>
  Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!);

/** `2xx 47, 503 3`: the statuses of a burst, most frequent first. */
export function statusCounts(outcomes: readonly CallOutcome[]): string {
  const counts = new Map<string, number>();
  for (const { status } of outcomes) {
    const label = status === 0 ? 'no answer' : status < 300 && status >= 200 ? '2xx' : String(status);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([label, count]) => `${label} ${count}`)
    .join(', ');
}

export const succeeded = (outcome: CallOutcome) => outcome.status >= 200 && outcome.status < 300;
