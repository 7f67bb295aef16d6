import { requireArticle } from '../lookups.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { articleView } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows' | 'articles'>;

export const getArticle =
  (ports: Ports): UseCase<'getArticle'> =>
  async (viewer, slug) =>
    articleView(ports, viewer, await requireArticle(ports.articles, slug));
