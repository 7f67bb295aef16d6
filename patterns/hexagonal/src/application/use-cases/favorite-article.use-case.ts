import { requireArticle } from '../lookups.js';
import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';
import { articleView } from '../presenters.js';

type Ports = Pick<DrivenPorts, 'users' | 'follows' | 'articles' | 'uow'>;

export const favoriteArticle =
  (ports: Ports): UseCase<'favoriteArticle'> =>
  async (viewer, slug) => {
    const { id } = await requireArticle(ports.articles, slug);
    await ports.uow.run(async (tx) => {
      // Only a new favorite moves the counter, so a double click (or a race) cannot overcount.
      if (await tx.articles.addFavorite(id, viewer)) await tx.articles.changeFavoritesCount(id, 1);
    });
    return articleView(ports, viewer, await requireArticle(ports.articles, slug));
  };
