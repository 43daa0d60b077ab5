import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { complaintRoutes } from './complaint-routes.js';
import type { ComplaintService } from './complaint-service.js';
import { defenceRoutes } from './defence-routes.js';
import type { DefenceService } from './defence-service.js';
import type { FilingPackageService } from './filing-package.js';
import { portfolioRoutes } from './portfolio-routes.js';
import type { PortfolioService } from './portfolio-service.js';
import { sourcingRoutes } from './sourcing-routes.js';
import type { SourcingService } from './sourcing-service.js';
import { warningRoutes } from './warning-routes.js';
import type { WarningService } from './warning-service.js';
import { watchRoutes } from './watch-routes.js';
import type { WatchService } from './watch-service.js';

export type BrandServices = {
  portfolio: PortfolioService;
  watch: WatchService;
  complaints: ComplaintService;
  defences: DefenceService;
  sourcing: SourcingService;
  warnings: WarningService;
  filing: FilingPackageService;
};

/** Everything under /api/v1/brand. */
export const brandRoutes: FastifyPluginAsyncZod<{ brand: BrandServices }> = async (app, { brand }) => {
  await app.register(portfolioRoutes, { prefix: '/brand', portfolio: brand.portfolio });
  await app.register(watchRoutes, { prefix: '/brand', watch: brand.watch });
  await app.register(complaintRoutes, { prefix: '/brand', complaints: brand.complaints });
  await app.register(defenceRoutes, { prefix: '/brand', defences: brand.defences });
  await app.register(sourcingRoutes, { prefix: '/brand', sourcing: brand.sourcing });
  await app.register(warningRoutes, { prefix: '/brand', warnings: brand.warnings, filing: brand.filing });
};
