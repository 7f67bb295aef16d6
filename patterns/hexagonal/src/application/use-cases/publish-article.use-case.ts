import { type Article, checkDraft, slugFor } from '../../domain/article.js';
import { AlreadyTaken, type DrivenPorts, type Repositories } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { articleView, timestamp } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows' | 'articles' | 'uow' | 'clock' | 'ids'>;

export const publishArticle =
  (ports: Ports): UseCase<'publishArticle'> =>
  async (authorId, draft) => {
    const { title, tagList } = checkDraft(draft);
    const article = await withUniqueSlug(ports, title, (slug, tx) => {
      const at = timestamp(ports);
      return tx.articles.create({
        slug,
        title,
        description: draft.description,
        body: draft.body,
        authorId,
        tagList,
        createdAt: at,
        updatedAt: at,
      });
    });
    return articleView(ports, authorId, article);
  };

/**
 * A readable slug when it is free, a suffixed one when not. The check and the write share a unit of
 * work; if a concurrent writer still wins the race, the repository says `AlreadyTaken` and we retry
 * once with a suffix.
 */
export async function withUniqueSlug<T extends Pick<Article, 'slug'> | string>(
  { uow, ids }: Pick<DrivenPorts, 'uow' | 'ids'>,
  title: string,
  write: (slug: string, tx: Repositories) => Promise<T>,
): Promise<T> {
  const attempt = (forceSuffix: boolean) =>
    uow.run(async (tx) => {
      const plain = slugFor(title);
      const taken = forceSuffix || (await tx.articles.slugExists(plain));
      return write(taken ? slugFor(title, ids.next()) : plain, tx);
    });
  try {
    return await attempt(false);
  } catch (error) {
    if (!(error instanceof AlreadyTaken)) throw error;
    return attempt(true);
  }
}
