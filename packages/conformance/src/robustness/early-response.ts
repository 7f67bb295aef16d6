import { connect as connectTcp, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect as connectTls } from 'node:tls';
import type { Outcome } from './http.js';

const SLICE = 64 * 1024;

/**
 * Sends a large body over a raw socket, and stops writing as soon as the server answers.
 *
 * A server may refuse an oversized body with 413 before reading it, then close the connection
 * (RFC 9112 §9.6 allows it). A client that keeps writing gets EPIPE or ECONNRESET and never sees the
 * 413 — undici does exactly that — so "no answer" would be blamed on a server that behaved well.
 * Browsers and curl stop sending once a response arrives; so does this.
 */
export function sendEarlyResponse(
  base: URL,
  path: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
  chunked: boolean,
  timeoutMs: number,
  pacing: { afterHeadMs: number; perSliceMs: number } = { afterHeadMs: 10, perSliceMs: 2 },
): Promise<Outcome> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const port = Number(base.port) || (base.protocol === 'https:' ? 443 : 80);
    const socket: Socket =
      base.protocol === 'https:'
        ? connectTls({ host: base.hostname, port, servername: base.hostname })
        : connectTcp({ host: base.hostname, port });
    const received: Buffer[] = [];
    let answered = false;
    let settled = false;
    let failure: Error | undefined;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', ms: ms() }), timeoutMs);
    const conclude = () => {
      const parsed = parseResponse(Buffer.concat(received));
      if (parsed)
        finish({
          kind: 'response',
          status: parsed.status,
          contentType: parsed.contentType,
          text: parsed.text,
          ms: ms(),
        });
      else
        finish({
          kind: 'error',
          message: failure ? describe(failure) : 'connection closed without an answer',
          ms: ms(),
        });
    };
    socket.on('data', (data: Buffer) => {
      answered = true;
      received.push(data);
      // A server that keeps the connection open after answering would otherwise look like a hang.
      if (parseResponse(Buffer.concat(received))?.complete) conclude();
    });
    socket.on('end', conclude);
    socket.on('close', conclude);
    socket.on('error', (error) => {
      failure = error;
    });

    const lines = [`${method} ${path} HTTP/1.1`, `Host: ${base.host}`, 'Connection: close'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    lines.push(chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`);
    // Resolves at the first byte of an answer, or when the connection goes: time to stop writing.
    const stop = new Promise<void>((ok) => {
      socket.once('data', () => ok());
      socket.once('close', () => ok());
    });
    const drained = () =>
      Promise.race([
        stop,
        new Promise<void>((ok) => {
          socket.once('drain', ok);
          void stop.then(() => socket.off('drain', ok));
        }),
      ]);
    // Paced writes: if the server closes while our bytes are still unread in its buffer, its kernel
    // answers with a reset that can wipe out the 413 before we read it. A short pause after the head
    // and after each slice lets an early answer arrive first (by default ~2 ms per 64 KiB).
    const pause = (ms: number) => Promise.race([sleep(ms), stop]);
    const write = async () => {
      if (!socket.write(`${lines.join('\r\n')}\r\n\r\n`)) await drained();
      await pause(pacing.afterHeadMs);
      for (let offset = 0; offset < body.length; offset += SLICE) {
        if (answered || socket.destroyed) return;
        const slice = body.subarray(offset, offset + SLICE);
        const framed = chunked
          ? Buffer.concat([Buffer.from(`${slice.length.toString(16)}\r\n`), slice, Buffer.from('\r\n')])
          : slice;
        if (!socket.write(framed)) await drained();
        await pause(pacing.perSliceMs);
      }
      if (chunked && !answered && !socket.destroyed) socket.write('0\r\n\r\n');
    };
    socket.once('connect', () => void write().catch(() => {}));
  });
}

function describe(error: Error): string {
  const code = (error as { code?: string }).code;
  return `${code ? `${code}: ` : ''}${error.message}`;
}

/**
 * Parses the HTTP/1.1 response read so far; undefined until its head is in. `complete` says whether the
 * body is all there (by Content-Length or the last chunk); without either, only the close ends it.
 */
function parseResponse(
  raw: Buffer,
): { status: number; contentType: string; text: string; complete: boolean } | undefined {
  let rest = raw;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const head = rest.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1]);
    if (!status) return undefined;
    rest = rest.subarray(end + 4);
    if (status >= 100 && status < 200) continue; // interim answers such as 100 Continue
    const headers = new Map(
      head.slice(1).map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
      }),
    );
    const contentType = headers.get('content-type') ?? '';
    if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) {
      const { body, complete } = dechunk(rest);
      return { status, contentType, text: body.toString('utf8'), complete };
    }
    if (headers.has('content-length')) {
      const length = Number(headers.get('content-length'));
      return {
        status,
        contentType,
        text: rest.subarray(0, length).toString('utf8'),
        complete: rest.length >= length,
      };
    }
    return { status, contentType, text: rest.toString('utf8'), complete: status === 204 || status === 304 };
  }
}

function dechunk(data: Buffer): { body: Buffer; complete: boolean } {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return { body: Buffer.concat(parts), complete: false };
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!size) return { body: Buffer.concat(parts), complete: true };
    if (data.length < lineEnd + 2 + size) return { body: Buffer.concat(parts), complete: false };
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}
