import type { Db } from '../db/client.js';
import type { EvidenceService } from '../evidence/evidence-service.js';
import type { Clock } from '../shared/clock.js';
import type { TicketService } from '../tickets/ticket-service.js';
import type { BrandServices } from './brand-routes.js';
import { createComplaintService } from './complaint-service.js';
import { createDefenceService } from './defence-service.js';
import { createFilingPackageService } from './filing-package.js';
import { createPortfolioService } from './portfolio-service.js';
import { createSourcingService } from './sourcing-service.js';
import { createWarningService } from './warning-service.js';
import { createWatchService } from './watch-service.js';

/** The brand-protection services, wired to each other (app.ts passes what they need from outside). */
export function createBrandServices(deps: {
  db: Db;
  clock: Clock;
  evidence: EvidenceService;
  tickets: TicketService;
}): BrandServices {
  const { db, clock, evidence, tickets } = deps;
  const portfolio = createPortfolioService({ db, clock });
  const complaints = createComplaintService({ db, clock, evidence });
  const sourcing = createSourcingService({ db, clock });
  return {
    portfolio,
    watch: createWatchService({ db, clock }),
    complaints,
    sourcing,
    defences: createDefenceService({ db, clock, evidence, tickets, sourcing }),
    warnings: createWarningService({ db, clock }),
    filing: createFilingPackageService({ complaints, portfolio, evidence }),
  };
}
