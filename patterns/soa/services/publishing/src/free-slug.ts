import { slugify, withSuffix } from '@journey/conduit-rules';
import { isUniqueViolation } from '@journey/conduit-sql';
import type { EnterpriseDb } from '@journey/soa-enterprise-data';
import type { EnterpriseData } from '@journey/soa-service-host';

/**
 * Runs a write that gives an article the slug of `title`, in one transaction with the check that the
 * slug is free; a slug already in use gets a random suffix (the readable one stays with whoever came
 * first). If a concurrent writer takes it between the check and the write, the UNIQUE constraint
 * refuses ours, and the write runs once more with a suffix.
 */
export async function withFreeSlug<T>(
  data: EnterpriseData,
  title: string,
  write: (tx: EnterpriseDb, slug: string) => Promise<T>,
): Promise<T> {
  const readable = slugify(title);
  const attempt = (suffixed: boolean) =>
    data.transaction(async (tx) => {
      const taken = suffixed || (await slugTaken(tx, readable));
      return write(tx, taken ? withSuffix(readable) : readable);
    });
  try {
    return await attempt(false);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt(true);
  }
}

async function slugTaken(tx: EnterpriseDb, slug: string): Promise<boolean> {
  const row = await tx.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}
