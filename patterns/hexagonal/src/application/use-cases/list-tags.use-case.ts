import type { DrivenPorts } from '../ports/driven/index.js';
import type { UseCase } from '../ports/driving/use-cases.port.js';

export const listTags =
  ({ articles }: Pick<DrivenPorts, 'articles'>): UseCase<'listTags'> =>
  () =>
    articles.popularTags();
