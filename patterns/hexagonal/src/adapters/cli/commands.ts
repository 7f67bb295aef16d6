import { parseArgs } from 'node:util';
import { ValidationFailed } from '@journey/conduit-rules';
import type { Conduit } from '../../application/ports/driving/use-cases.port.js';
import { Forbidden, NotFound, Unauthorized } from '../../domain/errors.js';

export const USAGE = `conduit — the admin CLI of the hexagonal Conduit (same use cases as the HTTP API)

  create-user     --username NAME --email EMAIL --password PASSWORD
  publish-article --as USERNAME --title TITLE --description TEXT --body TEXT [--tag TAG]…
  feed            --as USERNAME [--limit N] [--offset N]
  list-articles   [--tag TAG] [--author USERNAME] [--favorited USERNAME] [--limit N] [--offset N]

Data: DATABASE_URL (default: the SQLite file \`journey up hexagonal\` uses); tokens: JWT_SECRET.`;

export interface Terminal {
  out(text: string): void;
  err(text: string): void;
}

class UsageError extends Error {}

const options = {
  username: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  as: { type: 'string' },
  title: { type: 'string' },
  description: { type: 'string' },
  body: { type: 'string' },
  tag: { type: 'string', multiple: true },
  author: { type: 'string' },
  favorited: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
} as const;

/**
 * pattern: a second driving adapter. It parses argv instead of HTTP and prints JSON instead of a
 * response, but calls the very same driving port — not one rule is repeated here.
 * Exit codes: 0 done, 1 refused by the core (invalid, not found…), 2 usage error.
 */
export async function runCli(argv: string[], conduit: Conduit, terminal: Terminal): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help') {
      terminal.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    const { values } = parseArgs({ args: rest, options, strict: true, allowPositionals: false });
    const need = (name: keyof typeof values): string => {
      const value = values[name];
      if (typeof value !== 'string') throw new UsageError(`${command} needs --${name}`);
      return value;
    };
    const print = (value: unknown) => terminal.out(JSON.stringify(value, null, 2));
    switch (command) {
      case 'create-user':
        print({
          user: await conduit.registerUser({
            username: need('username'),
            email: need('email'),
            password: need('password'),
          }),
        });
        return 0;
      case 'publish-article': {
        const author = await conduit.identifyUser(need('as'));
        const article = await conduit.publishArticle(author, {
          title: need('title'),
          description: need('description'),
          body: need('body'),
          tagList: values.tag ?? [],
        });
        print({ article });
        return 0;
      }
      case 'feed': {
        const viewer = await conduit.identifyUser(need('as'));
        print(await conduit.listFeed(viewer, { limit: values.limit, offset: values.offset }));
        return 0;
      }
      case 'list-articles':
        print(
          await conduit.listArticles(null, {
            tag: values.tag?.[0],
            author: values.author,
            favorited: values.favorited,
            limit: values.limit,
            offset: values.offset,
          }),
        );
        return 0;
      default:
        throw new UsageError(
          `unknown command "${command}"; commands: create-user, publish-article, feed, list-articles`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      terminal.err(`conduit: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ValidationFailed) {
      terminal.err(`conduit: refused: ${JSON.stringify({ errors: error.errors })}`);
      return 1;
    }
    if (error instanceof NotFound || error instanceof Forbidden || error instanceof Unauthorized) {
      terminal.err(`conduit: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
