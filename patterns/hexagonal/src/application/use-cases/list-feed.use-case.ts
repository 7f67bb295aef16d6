import { parsePage } from '@journey/conduit-rules';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { articleSummaries } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows' | 'articles'>;

export const listFeed =
  (ports: Ports): UseCase<'listFeed'> =>
  async (viewer, query) => {
    const page = parsePage(query);
    const authorIds = await ports.follows.followeeIds(viewer);
    if (authorIds.length === 0) return { articles: [], articlesCount: 0 };
    const { articles, total } = await ports.articles.page({ authorIds }, page);
    return { articles: await articleSummaries(ports, viewer, articles), articlesCount: total };
  };
