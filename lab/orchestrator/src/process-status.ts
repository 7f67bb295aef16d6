/** What a health probe saw: `ok` only for a 2xx answer; `detail` says what came back instead. */
export interface HealthProbe {
  ok: boolean;
  detail: string;
}

/** Asks a process's health path right now; a process that does not answer in time is reported as such. */
export async function probeHealth(url: string, timeoutMs = 2_000): Promise<HealthProbe> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { ok: response.ok, detail: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return { ok: false, detail: cause?.code ?? (error as Error).message };
  }
}
