import { checkEdit, checkIsAuthor, needsNewSlug } from '../../domain/article.js';
import { requireArticle } from '../lookups.js';
import type { ArticleUpdate, DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { articleView, timestamp } from '../presenters.js';
import { withUniqueSlug } from './publish-article.use-case.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows' | 'articles' | 'uow' | 'clock' | 'ids'>;

export const editArticle =
  (ports: Ports): UseCase<'editArticle'> =>
  async (viewer, slug, edit) => {
    checkEdit(edit);
    const current = await requireArticle(ports.articles, slug);
    checkIsAuthor(current, viewer);
    const title = edit.title?.trim();
    const changes: ArticleUpdate = {
      ...(title !== undefined && { title }),
      ...(edit.description !== undefined && { description: edit.description }),
      ...(edit.body !== undefined && { body: edit.body }),
      updatedAt: timestamp(ports),
    };
    let newSlug = current.slug;
    if (title !== undefined && needsNewSlug(current, title)) {
      newSlug = await withUniqueSlug(ports, title, async (fresh, tx) => {
        await tx.articles.update(current.id, { ...changes, slug: fresh });
        return fresh;
      });
    } else {
      await ports.articles.update(current.id, changes);
    }
    return articleView(ports, viewer, await requireArticle(ports.articles, newSlug));
  };
