import { checkCanDelete, parseCommentId } from '../../domain/comment.js';
import { NotFound } from '../../domain/errors.js';
import { requireArticle } from '../lookups.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';

type Ports = Pick<DrivenPorts, 'articles' | 'comments'>;

export const deleteComment =
  ({ articles, comments }: Ports): UseCase<'deleteComment'> =>
  async (viewer, slug, rawId) => {
    const article = await requireArticle(articles, slug);
    const id = parseCommentId(rawId);
    const comment = id === undefined ? undefined : await comments.byId(article.id, id);
    if (!comment) throw new NotFound('comment');
    checkCanDelete(comment, viewer);
    await comments.remove(comment.id);
  };
