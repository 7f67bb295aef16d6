import { checkCommentBody } from '../../domain/comment.js';
import { requireArticle } from '../lookups.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { commentViews, timestamp } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows' | 'articles' | 'comments' | 'clock'>;

export const addComment =
  (ports: Ports): UseCase<'addComment'> =>
  async (viewer, slug, body) => {
    checkCommentBody(body);
    const article = await requireArticle(ports.articles, slug);
    const at = timestamp(ports);
    const comment = await ports.comments.add({
      articleId: article.id,
      authorId: viewer,
      body,
      createdAt: at,
      updatedAt: at,
    });
    const [view] = await commentViews(ports, viewer, [comment]);
    return view!;
  };
