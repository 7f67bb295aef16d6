/** A `node --import tsx <entry.ts> …args` command taken apart: what the runner needs to compile it. */
export interface TsxCommand {
  /** The Node binary as given (`node` or a path). */
  node: string;
  /** Node's own flags other than the tsx loader, kept in order. */
  nodeFlags: string[];
  /** The TypeScript entry file, as given. */
  entry: string;
  /** The program's arguments after the entry. */
  args: string[];
}

const isNode = (bin: string) => bin === 'node' || bin === process.execPath;

/** Returns the parts of a tsx-loader command, or undefined for any other command. */
export function parseTsxCommand([bin, ...rest]: string[]): TsxCommand | undefined {
  if (bin === undefined || !isNode(bin)) return undefined;
  const nodeFlags: string[] = [];
  let loader = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--import' && rest[i + 1] === 'tsx') {
      loader = true;
      i++;
    } else if (arg === '--import=tsx') {
      loader = true;
    } else if (arg.startsWith('-')) {
      nodeFlags.push(arg);
    } else {
      if (!loader || !/\.[cm]?ts$/.test(arg)) return undefined;
      return { node: bin, nodeFlags, entry: arg, args: rest.slice(i + 1) };
    }
  }
  return undefined;
}
