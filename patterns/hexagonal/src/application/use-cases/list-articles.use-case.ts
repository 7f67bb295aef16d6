import { parsePage } from '@journey/conduit-rules';
import type { ArticleFilter, DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import type { ArticleListView } from '../ports/driving/views.js';
import { articleSummaries } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows' | 'articles'>;

const NOTHING: ArticleListView = { articles: [], articlesCount: 0 };

export const listArticles =
  (ports: Ports): UseCase<'listArticles'> =>
  async (viewer, query) => {
    const page = parsePage(query);
    const filter: ArticleFilter = {};
    if (query.tag !== undefined) filter.tag = query.tag;
    // A filter naming a user who does not exist matches nothing (not a 404: lists are never missing).
    if (query.author !== undefined) {
      const author = await ports.users.byUsername(query.author);
      if (!author) return NOTHING;
      filter.authorIds = [author.id];
    }
    if (query.favorited !== undefined) {
      const fan = await ports.users.byUsername(query.favorited);
      if (!fan) return NOTHING;
      filter.favoritedBy = fan.id;
    }
    const { articles, total } = await ports.articles.page(filter, page);
    return { articles: await articleSummaries(ports, viewer, articles), articlesCount: total };
  };
