import { checkIsAuthor } from '../../domain/article.js';
import { requireArticle } from '../lookups.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';

type Ports = Pick<DrivenPorts, 'articles' | 'uow'>;

export const deleteArticle =
  ({ articles, uow }: Ports): UseCase<'deleteArticle'> =>
  async (viewer, slug) => {
    const article = await requireArticle(articles, slug);
    checkIsAuthor(article, viewer);
    // pattern: a rule that spans two repositories — an article's comments go with it, in one unit of work.
    await uow.run(async (tx) => {
      await tx.comments.removeAllOf(article.id);
      await tx.articles.remove(article.id);
    });
  };
