import { invocationOf, type LoggedInvocation } from './fleet.js';

/**
 * A line handler for the platform's output: every line goes on to our stdout (so `journey logs`
 * shows the functions' own lines), and each invocation line is also handed to `record`.
 */
export function observeLines(record: (invocation: LoggedInvocation) => void): (line: string) => void {
  return (line) => {
    process.stdout.write(`${line}\n`);
    const invocation = invocationOf(line);
    if (invocation) record(invocation);
  };
}
