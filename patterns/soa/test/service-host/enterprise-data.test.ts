import { openEnterpriseData } from '@journey/soa-service-host';
import { describe, expect, it } from 'vitest';
import { enterpriseDatabases } from './enterprise-databases.js';

describe.each(enterpriseDatabases)('openEnterpriseData on $label', (kind) => {
  // The lab starts identity, publishing and engagement together on one fresh database: each migrates it.
  it.skipIf(kind.skip)(
    'when several services open one fresh database at once, then each opens it migrated',
    async () => {
      const database = await kind.provision('racing-migrations');
      try {
        const opened = await Promise.allSettled([1, 2, 3, 4].map(() => openEnterpriseData(database.url)));
        const open = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
        try {
          expect(opened.filter(({ status }) => status === 'rejected')).toEqual([]);
          for (const data of open) {
            expect(await data.db.selectFrom('users').select('id').execute()).toEqual([]);
          }
        } finally {
          await Promise.all(open.map((data) => data.close()));
        }
      } finally {
        await database.dispose();
      }
    },
  );
});
