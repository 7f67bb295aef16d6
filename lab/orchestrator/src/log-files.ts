import { closeSync, fstatSync, mkdirSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** One line a process wrote, as kept in its log file: when the lab received it, and the line itself. */
export interface LogRecord {
  process: string;
  time: string;
  line: string;
}

export const logFile = (logDir: string, process: string) => join(logDir, `${process}.log`);

/**
 * Each process's lines, appended to `<logDir>/<process>.log` as `<ISO time> <line>` so another
 * terminal can read or tail them, and lines of several processes can be merged in order. Files are
 * truncated when a run starts: they hold one run, and a long-lived lab does not grow them without end
 * across runs.
 */
export class LogFiles {
  readonly #files = new Map<string, number>();

  constructor(
    readonly dir: string,
    processes: readonly string[],
  ) {
    mkdirSync(dir, { recursive: true });
    for (const name of processes) this.#files.set(name, openSync(logFile(dir, name), 'w'));
  }

  // Synchronous on purpose: lines land in the order they came, and survive the lab crashing.
  write(process: string, line: string): void {
    const fd = this.#files.get(process);
    if (fd !== undefined) writeSync(fd, `${new Date().toISOString()} ${line}\n`);
  }

  close(): void {
    for (const fd of this.#files.values()) closeSync(fd);
    this.#files.clear();
  }
}

const parseRecord = (process: string, raw: string): LogRecord => {
  const space = raw.indexOf(' ');
  return { process, time: raw.slice(0, space), line: raw.slice(space + 1) };
};

/** Bytes from `offset` to the end of a file, or nothing when the file does not exist (yet). */
function readFrom(path: string, offset: number): { text: string; size: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { text: '', size: 0 };
  }
  try {
    const size = fstatSync(fd).size;
    const start = Math.min(offset, size);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    return { text: buffer.toString('utf8'), size };
  } finally {
    closeSync(fd);
  }
}

const fileSize = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

/**
 * The last `lines` lines of the given processes, merged in time order. Only the end of each file is
 * read, so a log that grew large during a long run costs no more than a short one.
 */
export function readLogTail(logDir: string, processes: readonly string[], lines: number): LogRecord[] {
  const records: LogRecord[] = [];
  for (const process of processes) {
    const path = logFile(logDir, process);
    const start = Math.max(0, fileSize(path) - Math.max(64 * 1024, lines * 2048));
    const rows = readFrom(path, start).text.split('\n');
    rows.pop(); // the text after the last newline: empty, or a line still being written
    if (start > 0) rows.shift(); // the cut-off first line
    records.push(...rows.slice(-lines).map((raw) => parseRecord(process, raw)));
  }
  // A stable sort keeps each process's lines in file order when their timestamps tie.
  return records.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0)).slice(-lines);
}

/**
 * Calls `onRecord` for every line appended to the processes' log files from now on, polling the
 * files (they are written by another process, so there is nothing to subscribe to). A file that shrank
 * was truncated by a new run and is read again from its start. Returns a function that stops.
 */
export function followLogs(
  logDir: string,
  processes: readonly string[],
  onRecord: (record: LogRecord) => void,
  intervalMs = 200,
): () => void {
  const files = processes.map((process) => {
    const path = logFile(logDir, process);
    return { process, path, offset: fileSize(path), partial: '' };
  });
  const poll = () => {
    for (const file of files) {
      if (fileSize(file.path) < file.offset) {
        file.offset = 0;
        file.partial = '';
      }
      const { text, size } = readFrom(file.path, file.offset);
      if (text === '') continue;
      file.offset = size;
      const rows = (file.partial + text).split('\n');
      file.partial = rows.pop() ?? '';
      for (const raw of rows) onRecord(parseRecord(file.process, raw));
    }
  };
  const timer = setInterval(poll, intervalMs);
  return () => {
    clearInterval(timer);
    poll();
  };
}
