import { slugify, withSuffix } from '@journey/conduit-rules';
import { violatedField } from '@journey/conduit-sql';
import type { ArticlesTransaction } from './articles.migrations.js';

/** The readable slug of `title` when no article holds it (or `suffixed` is asked for), else a suffixed one. */
export async function freeSlug(tx: ArticlesTransaction, title: string, suffixed: boolean): Promise<string> {
  const base = slugify(title);
  if (suffixed) return withSuffix(base);
  const taken = await tx.selectFrom('articles').select('id').where('slug', '=', base).executeTakeFirst();
  return taken ? withSuffix(base) : base;
}

/**
 * Runs a command that takes a slug from `freeSlug`. A racing writer that takes the readable slug
 * between our look and our write is stopped by the UNIQUE index; the whole command (its events
 * included) rolled back, so it runs once more with a suffixed slug.
 */
export async function withUniqueSlug<T>(command: (suffixed: boolean) => Promise<T>): Promise<T> {
  try {
    return await command(false);
  } catch (error) {
    if (violatedField(error) !== 'slug') throw error;
    return command(true);
  }
}
