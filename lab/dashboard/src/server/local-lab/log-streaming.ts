import { join } from 'node:path';
import {
  followLogs,
  formatLogLine,
  type LogRecord,
  type PatternSlug,
  readLogTail,
} from '@journey/orchestrator';
import type { LogLine } from '../lab-port.js';
import type { Entry, LabEntries } from './lab-entries.js';
import { foreignRun } from './run-adoption.js';

const KEPT_LOG_LINES = 200;

/** Keeps a log line among the pattern's recent ones and streams it to subscribers. */
export function keepLog(lab: LabEntries, entry: Entry, line: LogLine) {
  entry.logs.push(line);
  if (entry.logs.length > KEPT_LOG_LINES) entry.logs.splice(0, entry.logs.length - KEPT_LOG_LINES);
  lab.emit({ kind: 'log', ...line });
}

/**
 * A topology started by `journey up` in a terminal logs to files under its run dir, not to us: its
 * lines come from those files, as `journey logs --follow` reads them (the tail first, then each new
 * line), for as long as that run lasts.
 */
export function followForeignLogs(lab: LabEntries, pattern: PatternSlug) {
  const entry = lab.entryOf(pattern);
  const elsewhere = entry.owned ? undefined : foreignRun(pattern);
  if (entry.following && entry.following.ownerPid !== elsewhere?.ownerPid) {
    entry.following.stop();
    entry.following = undefined;
  }
  if (!elsewhere || entry.following) return;
  const logDir = join(elsewhere.runDir, 'logs');
  const processes = elsewhere.processes.map((p) => p.name);
  const toLine = (record: LogRecord): LogLine => ({
    pattern,
    process: record.process,
    line: formatLogLine(record.line),
  });
  entry.logs = readLogTail(logDir, processes, KEPT_LOG_LINES).map(toLine);
  entry.following = {
    ownerPid: elsewhere.ownerPid,
    stop: followLogs(logDir, processes, (record) => keepLog(lab, entry, toLine(record))),
  };
}
