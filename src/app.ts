import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authRoutes } from './auth/auth-routes.js';
import { createAuthService } from './auth/auth-service.js';
import type { Database } from './db/client.js';
import { installAccessControl } from './http/access.js';
import { errorBody, installErrorHandling } from './http/errors.js';
import { loggerOptions } from './http/logger.js';
import { installMetrics } from './http/metrics.js';
import { installNulStripping } from './http/strip-nul.js';
import { importRoutes } from './imports/import-routes.js';
import { createImportService } from './imports/import-service.js';
import { ingestRoutes } from './ingest/ingest-routes.js';
import { createIngestService, type IngestSettings } from './ingest/ingest-service.js';
import { outboxTicketHooks } from './ingest/outbox.js';
import { webhookRoutes } from './ingest/webhook-routes.js';
import { blocklistRoutes } from './playbooks/blocklist-routes.js';
import { createBlocklistService } from './playbooks/blocklist-service.js';
import { offerRoutes } from './playbooks/offer-routes.js';
import { createOfferService } from './playbooks/offer-service.js';
import { createPlaybookHooks } from './playbooks/playbook-hooks.js';
import { playbookRoutes } from './playbooks/playbook-routes.js';
import { createPlaybookService } from './playbooks/playbook-service.js';
import { taskRoutes } from './playbooks/task-routes.js';
import { createTaskService } from './playbooks/task-service.js';
import { templateRoutes } from './playbooks/template-routes.js';
import { createTemplateService } from './playbooks/template-service.js';
import { searchRoutes } from './search/search-routes.js';
import { createSearchService, searchIndexHooks } from './search/search-service.js';
import type { Clock } from './shared/clock.js';
import type { SecretBox } from './shared/secret-box.js';
import { shopRoutes } from './shops/shop-routes.js';
import { createShopService } from './shops/shop-service.js';
import { createSlaEngine } from './sla/sla-engine.js';
import { slaReportRoutes } from './sla/sla-report-routes.js';
import { slaRoutes } from './sla/sla-routes.js';
import { createSlaService } from './sla/sla-service.js';
import { createSweeper } from './sla/sweeper.js';
import { catalogRoutes } from './tickets/catalog-routes.js';
import { ticketRoutes } from './tickets/ticket-routes.js';
import { createTicketService, type TicketHooks } from './tickets/ticket-service.js';
import { triageRoutes } from './triage/triage-routes.js';
import { createTriageService } from './triage/triage-service.js';

export type AppDeps = {
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  openSignup: boolean;
  secureCookies: boolean;
  sessionTtlHours: number;
  logLevel?: string;
  defaultMetrics?: boolean;
  /** Folder of the built console; served at / when present. */
  webRoot?: string | undefined;
  /** Inbox/outbox worker settings (batch sizes, attempts, back-off, platform API base URLs). */
  ingest?: Partial<IngestSettings> | undefined;
};

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../dist/web', import.meta.url));
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export type Services = ReturnType<typeof createServices>;

export function createServices(deps: AppDeps) {
  const db = deps.database.db;
  const auth = createAuthService({
    db,
    clock: deps.clock,
    sessionTtlHours: deps.sessionTtlHours,
    openSignup: deps.openSignup,
  });
  const shops = createShopService({ db, clock: deps.clock, secretBox: deps.secretBox });
  const slaEngine = createSlaEngine({ clock: deps.clock });
  // Triage runs first: the other hooks (search, SLA) see the categories and severity it sets.
  const triage = createTriageService({ db, clock: deps.clock });
  const ticketHooks: TicketHooks[] = [triage.hooks, searchIndexHooks, outboxTicketHooks];
  // Playbooks: flag blocklisted buyers' cases; on close, record the remedy and send the survey.
  ticketHooks.push(createPlaybookHooks({ clock: deps.clock }));
  const tickets = createTicketService({
    db,
    clock: deps.clock,
    secretBox: deps.secretBox,
    hooks: ticketHooks,
  });
  // SLA runs last: it reads the severity triage may have raised, and hands its automatic
  // acknowledgement to the other hooks (the outbox) inside the same transaction.
  const slaHooks: TicketHooks = slaEngine.hooks(() => ticketHooks.filter((h) => h !== slaHooks));
  ticketHooks.push(slaHooks);
  const sla = createSlaService({ db, clock: deps.clock, engine: slaEngine, tickets });
  const sweeper = createSweeper({ db, clock: deps.clock, engine: slaEngine });
  const search = createSearchService({ db });
  const ingest = createIngestService({
    database: deps.database,
    clock: deps.clock,
    secretBox: deps.secretBox,
    ticketsOn: (tx) =>
      createTicketService({ db: tx, clock: deps.clock, secretBox: deps.secretBox, hooks: ticketHooks }),
    settings: deps.ingest,
  });
  const playbooks = {
    templates: createTemplateService({ db, clock: deps.clock }),
    playbooks: createPlaybookService({ db, clock: deps.clock }),
    offers: createOfferService({ db, clock: deps.clock, tickets }),
    tasks: createTaskService({ db, clock: deps.clock }),
    blocklist: createBlocklistService({ db, clock: deps.clock }),
  };
  return { auth, shops, tickets, search, sla, sweeper, ingest, triage, playbooks };
}

/** The Fastify instance with every route; never listens (tests use app.inject, main.ts listens). */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services }> {
  const app = Fastify({
    logger: loggerOptions(deps.logLevel ?? 'silent'),
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const services = createServices(deps);
  installErrorHandling(app);
  installNulStripping(app);
  await app.register(fastifyCookie);
  // Only routes that opt in (login, sign-up) are limited: guessing passwords must be slow.
  await app.register(fastifyRateLimit, { global: false });
  installAccessControl(app, services.auth);
  installMetrics(app, { defaultMetrics: deps.defaultMetrics ?? false });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Aftercare API',
        description: 'After-sales and complaint desk (售后工作台). Errors are {"error":{"code","message"}}.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ac_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => {
    await deps.database.query('select 1');
    return { status: 'ok', engine: deps.database.engine };
  });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      await api.register(authRoutes, { auth: services.auth, secureCookies: deps.secureCookies });
      await api.register(shopRoutes, { shops: services.shops });
      await api.register(ticketRoutes, { tickets: services.tickets });
      await api.register(catalogRoutes, { tickets: services.tickets });
      await api.register(slaRoutes, { sla: services.sla });
      await api.register(slaReportRoutes, { db: deps.database.db, clock: deps.clock });
      await api.register(importRoutes, {
        imports: createImportService({ db: deps.database.db, clock: deps.clock, tickets: services.tickets }),
      });
      await api.register(searchRoutes, { search: services.search });
      await api.register(templateRoutes, { templates: services.playbooks.templates });
      await api.register(playbookRoutes, { playbooks: services.playbooks.playbooks });
      await api.register(offerRoutes, { offers: services.playbooks.offers });
      await api.register(taskRoutes, { tasks: services.playbooks.tasks });
      await api.register(blocklistRoutes, { blocklist: services.playbooks.blocklist });
      await api.register(triageRoutes, { triage: services.triage, tickets: services.tickets });
      await api.register(ingestRoutes, { ingest: services.ingest });
    },
    { prefix: '/api/v1' },
  );
  await app.register(webhookRoutes, { ingest: services.ingest });

  const webRoot = deps.webRoot ?? DEFAULT_WEB_ROOT;
  const hasConsole = existsSync(webRoot);
  if (hasConsole) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url.startsWith('/hooks/');
    if (!isApi && request.method === 'GET' && hasConsole) {
      // The console routes on the client: every other page loads its shell.
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  });

  return { app, services };
}
