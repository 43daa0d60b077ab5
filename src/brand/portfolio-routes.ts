import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUTHORISATION_DIRECTIONS, BRAND_PLATFORMS, PATENT_TYPES, RIGHT_KINDS } from '../db/schema/brand.js';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import {
  AuthorisationView,
  FloorView,
  RightView,
  toAuthorisationView,
  toFloorView,
  toRightView,
} from './brand-views.js';
import type { PortfolioService } from './portfolio-service.js';
import { Fen } from './watch-routes.js';

const Text = (max: number) => z.string().trim().max(max);
const When = z.coerce.date();

const RightFields = {
  name: Text(200).min(1),
  registrationNo: Text(60).min(1),
  owner: Text(200).min(1),
  jurisdiction: Text(10).optional(),
  classes: z.array(z.number().int().min(1).max(45)).max(45).optional(),
  goods: z.array(Text(100).min(1)).max(200).optional(),
  patentType: z.enum(PATENT_TYPES).nullable().optional(),
  workType: Text(60).nullable().optional(),
  validFrom: When.nullable().optional(),
  validUntil: When.nullable().optional(),
  notes: Text(2000).optional(),
};

const AuthorisationBody = z.strictObject({
  direction: z.enum(AUTHORISATION_DIRECTIONS),
  partyName: Text(200).min(1),
  platform: z.enum(BRAND_PLATFORMS).nullable().optional(),
  sellerId: Text(100).nullable().optional(),
  sellerName: Text(200).nullable().optional(),
  rightId: z.uuid().nullable().optional(),
  scope: Text(1000).optional(),
  validFrom: When.nullable().optional(),
  validUntil: When.nullable().optional(),
});

const AlertView = z.object({
  type: z.enum(['right', 'authorisation']),
  id: z.uuid(),
  name: z.string(),
  number: z.string(),
  validUntil: z.date().nullable(),
  state: z.string(),
  daysLeft: z.number().int().nullable(),
});

export const portfolioRoutes: FastifyPluginAsyncZod<{ portfolio: PortfolioService }> = async (
  app,
  { portfolio },
) => {
  app.post(
    '/rights',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['brand'],
        summary: 'Register a right: trademark (classes, goods), copyright, patent (type) or company name',
        body: z.strictObject({ kind: z.enum(RIGHT_KINDS), ...RightFields }),
        response: { 201: RightView, ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const right = await portfolio.createRight(actorOf(req), req.body);
      return reply.status(201).send(toRightView(right, portfolio.standing(right), 0));
    },
  );

  app.get(
    '/rights',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'The rights portfolio, soonest expiry first, with each right standing today',
        querystring: z.strictObject({ kind: z.enum(RIGHT_KINDS).optional() }),
        response: { 200: z.object({ items: z.array(RightView) }), ...ErrorResponses },
      },
    },
    async (req) => ({
      items: (await portfolio.listRights(actorOf(req), req.query.kind)).map((r) =>
        toRightView(r.right, r.validity, r.documents),
      ),
    }),
  );

  app.get(
    '/rights/alerts',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'Rights and authorisations ending within 90 days or ended',
        response: { 200: z.object({ items: z.array(AlertView) }), ...ErrorResponses },
      },
    },
    async (req) => ({ items: await portfolio.expiryAlerts(actorOf(req)) }),
  );

  app.get(
    '/rights/:id',
    {
      config: { access: 'agent' },
      schema: { tags: ['brand'], params: IdParams, response: { 200: RightView, ...ErrorResponses } },
    },
    async (req) => {
      const right = await portfolio.getRight(actorOf(req), req.params.id);
      return toRightView(right, portfolio.standing(right), 0);
    },
  );

  app.patch(
    '/rights/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['brand'],
        summary: 'Change a right (a renewal moves validUntil)',
        params: IdParams,
        body: z.strictObject({
          ...Object.fromEntries(Object.entries(RightFields).map(([k, v]) => [k, v.optional()])),
        } as { [K in keyof typeof RightFields]: z.ZodOptional<(typeof RightFields)[K]> }),
        response: { 200: RightView, ...ErrorResponses },
      },
    },
    async (req) => {
      const right = await portfolio.updateRight(actorOf(req), req.params.id, req.body);
      return toRightView(right, portfolio.standing(right), 0);
    },
  );

  app.post(
    '/authorisations',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['brand'],
        summary: 'Record an authorisation granted to a reseller (its shop) or received from a supplier',
        body: AuthorisationBody,
        response: { 201: AuthorisationView, ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const a = await portfolio.createAuthorisation(actorOf(req), req.body);
      return reply.status(201).send(toAuthorisationView(a, portfolio.standing(a), 0));
    },
  );

  app.get(
    '/authorisations',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        querystring: z.strictObject({ direction: z.enum(AUTHORISATION_DIRECTIONS).optional() }),
        response: { 200: z.object({ items: z.array(AuthorisationView) }), ...ErrorResponses },
      },
    },
    async (req) => ({
      items: (await portfolio.listAuthorisations(actorOf(req), req.query.direction)).map((a) =>
        toAuthorisationView(a.authorisation, a.validity, a.documents),
      ),
    }),
  );

  app.post(
    '/authorisations/:id/revoke',
    {
      config: { access: 'supervisor' },
      schema: { tags: ['brand'], params: IdParams, response: { 200: AuthorisationView, ...ErrorResponses } },
    },
    async (req) => {
      const a = await portfolio.revokeAuthorisation(actorOf(req), req.params.id);
      return toAuthorisationView(a, portfolio.standing(a), 0);
    },
  );

  app.put(
    '/price-floors',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['brand'],
        summary: 'Set the minimum advertised price of a SKU, for every seller or for one authorised reseller',
        body: z.strictObject({
          sku: Text(100).min(1),
          productName: Text(200).optional(),
          authorisationId: z.uuid().nullable().optional(),
          minPriceFen: Fen.min(1),
        }),
        response: { 200: FloorView, ...ErrorResponses },
      },
    },
    async (req) => toFloorView(await portfolio.setFloor(actorOf(req), req.body)),
  );

  app.get(
    '/price-floors',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        response: { 200: z.object({ items: z.array(FloorView) }), ...ErrorResponses },
      },
    },
    async (req) => ({ items: (await portfolio.listFloors(actorOf(req))).map(toFloorView) }),
  );

  app.delete(
    '/price-floors/:id',
    {
      config: { access: 'supervisor' },
      schema: { tags: ['brand'], params: IdParams, response: { 204: z.null(), ...ErrorResponses } },
    },
    async (req, reply) => {
      await portfolio.deleteFloor(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
