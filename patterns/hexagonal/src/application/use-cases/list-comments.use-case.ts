import { requireArticle } from '../lookups.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { commentViews } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows' | 'articles' | 'comments'>;

export const listComments =
  (ports: Ports): UseCase<'listComments'> =>
  async (viewer, slug) => {
    const article = await requireArticle(ports.articles, slug);
    return commentViews(ports, viewer, await ports.comments.ofArticle(article.id));
  };
