import { describe } from 'vitest';
import { storageAdapters } from '../support/storage-adapters.js';
import { articleRepositoryContract } from './article-repository.contract.js';
import { commentRepositoryContract } from './comment-repository.contract.js';
import { followRepositoryContract } from './follow-repository.contract.js';
import { unitOfWorkContract } from './unit-of-work.contract.js';
import { userRepositoryContract } from './user-repository.contract.js';

// pattern: one suite per driven port, run against every adapter of it. A new adapter proves itself here.
for (const adapter of storageAdapters) {
  describe.skipIf(adapter.skip !== undefined)(
    `${adapter.name} storage adapter${adapter.skip ? ` (${adapter.skip})` : ''}`,
    () => {
      userRepositoryContract(adapter.open);
      followRepositoryContract(adapter.open);
      articleRepositoryContract(adapter.open);
      commentRepositoryContract(adapter.open);
      unitOfWorkContract(adapter.open);
    },
  );
}
