import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { IdParams } from '../http/schemas.js';
import { isValidTimeZone } from '../shared/timezone.js';
import { SEVERITIES, TICKET_CHANNELS, TICKET_KINDS } from '../tickets/ticket-types.js';
import { MessageView, TicketView, toMessageView, toTicketView } from '../tickets/ticket-views.js';
import { WAIT_REASONS } from './acknowledgement.js';
import type { Weekday } from './calendar.js';
import { holidayRoutes } from './holiday-routes.js';
import type { SlaService } from './sla-service.js';
import {
  AtRiskView,
  CalendarPreviewView,
  CalendarView,
  itemsOf,
  MarkedReadView,
  NotificationView,
  PeakEventView,
  PolicyView,
  TicketClockView,
} from './sla-views.js';

const Target = z.strictObject({
  minutes: z
    .number()
    .int('whole minutes')
    .positive('a target must be more than zero minutes')
    .max(60 * 24 * 90, 'at most 90 days'),
  clock: z.enum(['business', '24x7']).default('business'),
});

const Targets = z
  .strictObject({
    firstResponse: Target.nullable().optional(),
    nextResponse: Target.nullable().optional(),
    resolution: Target.nullable().optional(),
  })
  .refine((t) => Object.values(t).some(Boolean), 'name at least one target');

const Match = z.strictObject({
  channels: z.array(z.enum(TICKET_CHANNELS)).max(20).optional(),
  kinds: z.array(z.enum(TICKET_KINDS)).max(20).optional(),
  severities: z.array(z.enum(SEVERITIES)).max(4).optional(),
  shopIds: z.array(z.uuid()).max(100).optional(),
});

const Rule = z.strictObject({
  on: z.enum(['warning', 'breach']),
  target: z.enum(['firstResponse', 'nextResponse', 'resolution']).optional(),
  action: z.enum(['raise_priority', 'reassign', 'notify_supervisor']),
  assigneeId: z.uuid().optional(),
});

const PolicyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  priority: z.number().int().min(0).max(10_000).default(100),
  enabled: z.boolean().default(true),
  match: Match.default({}),
  targets: Targets,
  autoAck: z.boolean().default(true),
  escalation: z
    .array(Rule)
    .max(10)
    .default([])
    .refine(
      (rules) => rules.every((r) => r.action !== 'reassign' || r.assigneeId),
      'reassign needs assigneeId',
    ),
});

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time HH:MM');
const TimeZone = z
  .string()
  .max(64)
  .refine(isValidTimeZone, 'unknown time zone (use an IANA name such as Asia/Shanghai)');

const CalendarBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  shopId: z.uuid().nullable().default(null),
  timezone: TimeZone.default('Asia/Shanghai'),
  hours: z
    .array(
      z.strictObject({
        day: z
          .number()
          .int()
          .min(1)
          .max(7)
          .transform((d) => d as Weekday),
        start: Hhmm,
        end: Hhmm,
      }),
    )
    .min(1, 'a calendar needs working hours')
    .max(50),
  holidays: z.enum(['CN', 'none']).default('CN'),
  overrides: z
    .array(
      z.strictObject({
        date: LocalDate,
        kind: z.enum(['holiday', 'workday']),
        name: z.string().max(60).optional(),
      }),
    )
    .max(400)
    .default([]),
  closures: z
    .array(z.strictObject({ from: LocalDate, to: LocalDate, reason: z.string().max(200).optional() }))
    .max(200)
    .default([]),
  validFrom: LocalDate.nullable().default(null),
  validTo: LocalDate.nullable().default(null),
});

const PeakEventBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['618', 'double11', 'double12', 'live_stream', 'recall', 'other']),
  startsAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  endsAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  shopIds: z.array(z.uuid()).max(100).default([]),
  channels: z.array(z.enum(TICKET_CHANNELS)).max(20).default([]),
  targets: Targets,
});

const partial = <T extends z.ZodObject>(schema: T) =>
  schema
    .partial()
    .refine((v) => Object.keys(v).length > 0, 'nothing to change')
    // defaults of the create body must not fill a patch
    .transform((v) => v);

const PolicyPatch = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  priority: z.number().int().min(0).max(10_000).optional(),
  enabled: z.boolean().optional(),
  match: Match.optional(),
  targets: Targets.optional(),
  autoAck: z.boolean().optional(),
  escalation: z.array(Rule).max(10).optional(),
});

const CalendarPatch = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  shopId: z.uuid().nullable().optional(),
  timezone: TimeZone.optional(),
  hours: CalendarBody.shape.hours.optional(),
  holidays: z.enum(['CN', 'none']).optional(),
  overrides: CalendarBody.shape.overrides.unwrap().optional(),
  closures: CalendarBody.shape.closures.unwrap().optional(),
  validFrom: LocalDate.nullable().optional(),
  validTo: LocalDate.nullable().optional(),
});

const PeakEventPatch = partial(
  z.strictObject({
    name: PeakEventBody.shape.name,
    startsAt: PeakEventBody.shape.startsAt,
    endsAt: PeakEventBody.shape.endsAt,
    shopIds: z.array(z.uuid()).max(100),
    channels: z.array(z.enum(TICKET_CHANNELS)).max(20),
    targets: Targets,
  }),
);

const items = <T>(list: T[]) => ({ items: list });

export const slaRoutes: FastifyPluginAsyncZod<{ sla: SlaService }> = async (app, { sla }) => {
  const tags = ['sla'];

  // Policies
  app.get(
    '/sla/policies',
    { config: { access: 'agent' }, schema: { tags, response: { 200: itemsOf(PolicyView) } } },
    async (req) => items(await sla.listPolicies(actorOf(req))),
  );
  app.get(
    '/sla/policies/:id',
    { config: { access: 'agent' }, schema: { tags, params: IdParams, response: { 200: PolicyView } } },
    async (req) => sla.getPolicy(actorOf(req), req.params.id),
  );
  app.post(
    '/sla/policies',
    { config: { access: 'supervisor' }, schema: { tags, body: PolicyBody, response: { 201: PolicyView } } },
    async (req, reply) => reply.status(201).send(await sla.createPolicy(actorOf(req), req.body)),
  );
  app.patch(
    '/sla/policies/:id',
    {
      config: { access: 'supervisor' },
      schema: { tags, params: IdParams, body: PolicyPatch, response: { 200: PolicyView } },
    },
    async (req) => sla.updatePolicy(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/sla/policies/:id',
    { config: { access: 'supervisor' }, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await sla.deletePolicy(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // Calendars and holidays
  app.get(
    '/sla/calendars',
    { config: { access: 'agent' }, schema: { tags, response: { 200: itemsOf(CalendarView) } } },
    async (req) => items(await sla.listCalendars(actorOf(req))),
  );
  app.get(
    '/sla/calendars/:id',
    { config: { access: 'agent' }, schema: { tags, params: IdParams, response: { 200: CalendarView } } },
    async (req) => sla.getCalendar(actorOf(req), req.params.id),
  );
  app.post(
    '/sla/calendars',
    {
      config: { access: 'supervisor' },
      schema: { tags, body: CalendarBody, response: { 201: CalendarView } },
    },
    async (req, reply) => reply.status(201).send(await sla.createCalendar(actorOf(req), req.body)),
  );
  app.patch(
    '/sla/calendars/:id',
    {
      config: { access: 'supervisor' },
      schema: { tags, params: IdParams, body: CalendarPatch, response: { 200: CalendarView } },
    },
    async (req) => sla.updateCalendar(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/sla/calendars/:id',
    { config: { access: 'supervisor' }, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await sla.deleteCalendar(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/sla/calendars/:id/preview',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        params: IdParams,
        querystring: z.strictObject({
          from: z.iso.datetime({ offset: true }).optional(),
          days: z.coerce.number().int().min(1).max(62).default(14),
        }),
        response: { 200: CalendarPreviewView },
      },
    },
    async (req) =>
      sla.previewCalendar(
        actorOf(req),
        req.params.id,
        req.query.from ? new Date(req.query.from) : new Date(),
        req.query.days,
      ),
  );
  await app.register(holidayRoutes, { sla });

  // Peak events
  app.get(
    '/sla/peak-events',
    { config: { access: 'agent' }, schema: { tags, response: { 200: itemsOf(PeakEventView) } } },
    async (req) => items(await sla.listPeakEvents(actorOf(req))),
  );
  app.post(
    '/sla/peak-events',
    {
      config: { access: 'supervisor' },
      schema: { tags, body: PeakEventBody, response: { 201: PeakEventView } },
    },
    async (req, reply) => reply.status(201).send(await sla.createPeakEvent(actorOf(req), req.body)),
  );
  app.patch(
    '/sla/peak-events/:id',
    {
      config: { access: 'supervisor' },
      schema: { tags, params: IdParams, body: PeakEventPatch, response: { 200: PeakEventView } },
    },
    async (req) => sla.updatePeakEvent(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/sla/peak-events/:id',
    { config: { access: 'supervisor' }, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await sla.deletePeakEvent(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // Cases
  app.get(
    '/sla/tickets/:id',
    { config: { access: 'agent' }, schema: { tags, params: IdParams, response: { 200: TicketClockView } } },
    async (req) => {
      const row = await sla.ticketClock(actorOf(req), req.params.id);
      return row ?? { ticketId: req.params.id, state: 'none' as const };
    },
  );
  app.post(
    '/sla/tickets/:id/expected-wait',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        params: IdParams,
        body: z.strictObject({
          until: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
          reason: z.enum(WAIT_REASONS).default('other'),
          body: z.string().trim().min(1).max(2000).optional(),
        }),
        response: { 201: z.object({ message: MessageView, ticket: TicketView }) },
      },
    },
    async (req, reply) => {
      const { message, ticket } = await sla.expectedWait(actorOf(req), req.params.id, req.body);
      return reply.status(201).send({ message: toMessageView(message), ticket: toTicketView(ticket) });
    },
  );
  app.get(
    '/sla/at-risk',
    {
      config: { access: 'supervisor' },
      schema: {
        tags,
        querystring: z.strictObject({
          withinMinutes: z.coerce
            .number()
            .int()
            .min(1)
            .max(7 * 24 * 60)
            .default(60),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: itemsOf(AtRiskView) },
      },
    },
    async (req) => items(await sla.atRisk(actorOf(req), req.query.withinMinutes, req.query.limit)),
  );

  // Notifications
  app.get(
    '/sla/notifications',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        querystring: z.strictObject({
          unread: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: itemsOf(NotificationView) },
      },
    },
    async (req) =>
      items(await sla.listNotifications(actorOf(req), req.query.unread === 'true', req.query.limit)),
  );
  app.post(
    '/sla/notifications/read',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        body: z.strictObject({ ids: z.union([z.array(z.uuid()).min(1).max(500), z.literal('all')]) }),
        response: { 200: MarkedReadView },
      },
    },
    async (req) => sla.markRead(actorOf(req), req.body.ids),
  );
};
