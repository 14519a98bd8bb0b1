import { z } from 'zod';
import { anyQuery, defineRoute, noBody } from '../../platform/http/routes.js';
import type { ModuleRef } from '../../platform/module.js';
import { tenantsIds } from './ids.js';
import type { TenantsService } from './service.js';

export const tenantsRoutes = ({ service: tenants }: ModuleRef<TenantsService>) => [
  defineRoute({
    method: 'get',
    path: '/v1/exports/:id',
    summary: "Download an offboarded tenant's export archive (gzip JSON)",
    policy: { provider: ['PROVIDER_ADMIN'] },
    params: z.object({ id: tenantsIds.schema('exp') }).strict(),
    query: anyQuery,
    body: noBody,
    async handler({ params, res }) {
      const { filename, chunks } = await tenants.readExport(params.id);
      res.setHeader('Content-Type', 'application/gzip');
      res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
      for (const c of chunks) res.write(c);
      res.end();
    },
  }),
];
