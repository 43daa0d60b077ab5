import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import type { CatalogService } from './catalog-service.js';
import { CustomerView, type OrderItemView, OrderView, ProductView } from './catalog-views.js';

const Fen = z.number().int().min(0).max(1_000_000_000_00);
const Text = (max: number) => z.string().trim().min(1).max(max);

const pick = <T extends Record<string, unknown>>(row: T, keys: readonly (keyof T)[]) =>
  Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, (typeof keys)[number]>;

export const catalogRoutes: FastifyPluginAsyncZod<{ catalog: CatalogService }> = async (app, { catalog }) => {
  const customerView = (c: Record<string, unknown>) =>
    pick(c, ['id', 'shopId', 'externalId', 'name', 'phoneMasked', 'email', 'locale']) as z.infer<
      typeof CustomerView
    >;

  app.get(
    '/customers',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['catalog'],
        summary: 'Find customers by name or platform id',
        querystring: z.strictObject({
          q: z.string().trim().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(CustomerView) }) },
      },
    },
    async (req) => ({
      items: (await catalog.searchCustomers(actorOf(req), req.query.q, req.query.limit)).map(customerView),
    }),
  );

  app.get(
    '/customers/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['catalog'],
        summary: 'One customer (contact details masked)',
        params: IdParams,
        response: { 200: CustomerView, ...ErrorResponses },
      },
    },
    async (req) => customerView(await catalog.getCustomer(actorOf(req), req.params.id)),
  );

  app.post(
    '/customers/:id/reveal',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['catalog'],
        summary: 'Show the full phone and address of a customer (supervisor; audited)',
        params: IdParams,
        response: {
          200: z.object({ phone: z.string().nullable(), address: z.string().nullable() }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => catalog.revealCustomerContact(actorOf(req), req.params.id),
  );

  app.post(
    '/customers',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['catalog'],
        summary: 'Add a customer; the phone number is stored masked',
        body: z.strictObject({
          name: Text(100),
          shopId: z.uuid().optional(),
          externalId: Text(100).optional(),
          phone: z
            .string()
            .trim()
            .regex(/^\+?[\d\s-]{5,20}$/, 'digits only')
            .optional(),
          email: z.email().max(254).optional(),
          locale: z.enum(['zh-CN', 'en']).optional(),
        }),
        response: { 201: CustomerView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(customerView(await catalog.createCustomer(actorOf(req), req.body))),
  );

  app.get(
    '/products',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['catalog'],
        summary: 'Products with their SKUs',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
        response: { 200: z.object({ items: z.array(ProductView) }) },
      },
    },
    async (req) => ({
      items: (await catalog.listProducts(actorOf(req), req.query.limit)).map(({ product, skus }) => ({
        ...pick(product, ['id', 'shopId', 'externalId', 'name', 'category', 'supplier']),
        skus: skus.map((s) => pick(s, ['id', 'code', 'name', 'priceFen', 'supplier'])),
      })),
    }),
  );

  app.post(
    '/products',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['catalog'],
        summary: 'Add a product with its SKUs and supplier',
        body: z.strictObject({
          name: Text(200),
          shopId: z.uuid().optional(),
          externalId: Text(100).optional(),
          category: Text(60).optional(),
          supplier: Text(100).optional(),
          skus: z
            .array(
              z.strictObject({
                code: Text(60),
                name: Text(200),
                priceFen: Fen.optional(),
                supplier: Text(100).optional(),
              }),
            )
            .max(200)
            .default([]),
        }),
        response: { 201: ProductView, ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const { product, skus } = await catalog.createProduct(actorOf(req), req.body);
      return reply.status(201).send({
        ...pick(product, ['id', 'shopId', 'externalId', 'name', 'category', 'supplier']),
        skus: skus.map((s) => pick(s, ['id', 'code', 'name', 'priceFen', 'supplier'])),
      });
    },
  );

  const orderView = ({
    order,
    items,
  }: {
    order: Record<string, unknown>;
    items: Record<string, unknown>[];
  }) => ({
    ...(pick(order, [
      'id',
      'shopId',
      'customerId',
      'externalId',
      'status',
      'totalFen',
      'currency',
      'paidAt',
      'shippedAt',
      'deliveredAt',
      'carrier',
      'trackingNo',
    ]) as Omit<z.infer<typeof OrderView>, 'items'>),
    items: items.map(
      (i) =>
        pick(i, [
          'id',
          'skuId',
          'productId',
          'name',
          'quantity',
          'unitPriceFen',
          'paidFen',
          'batch',
          'supplier',
        ]) as z.infer<typeof OrderItemView>,
    ),
  });

  app.post(
    '/orders',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['catalog'],
        summary: 'Record an order with its items (SKU, batch, supplier, price paid)',
        body: z.strictObject({
          shopId: z.uuid(),
          externalId: Text(100),
          customerId: z.uuid().optional(),
          status: Text(40).optional(),
          currency: z
            .string()
            .regex(/^[A-Z]{3}$/)
            .optional(),
          paidAt: z.coerce.date().optional(),
          shippedAt: z.coerce.date().optional(),
          deliveredAt: z.coerce.date().optional(),
          carrier: Text(60).optional(),
          trackingNo: Text(60).optional(),
          items: z
            .array(
              z.strictObject({
                skuId: z.uuid().optional(),
                name: Text(200),
                quantity: z.number().int().min(1).max(10_000),
                unitPriceFen: Fen,
                paidFen: Fen.optional(),
                batch: Text(60).optional(),
                supplier: Text(100).optional(),
              }),
            )
            .min(1)
            .max(200),
        }),
        response: { 201: OrderView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(orderView(await catalog.createOrder(actorOf(req), req.body))),
  );

  app.get(
    '/orders',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['catalog'],
        summary: 'Orders, optionally of one customer or shop, or found by the start of their number (q)',
        querystring: z.strictObject({
          customerId: z.uuid().optional(),
          shopId: z.uuid().optional(),
          q: z.string().trim().min(1).max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(OrderView.omit({ items: true })) }) },
      },
    },
    async (req) => ({
      items: (await catalog.listOrders(actorOf(req), req.query, req.query.limit)).map((o) =>
        orderView({ order: o, items: [] }),
      ),
    }),
  );

  app.get(
    '/orders/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['catalog'],
        summary: 'One order with its items',
        params: IdParams,
        response: { 200: OrderView, ...ErrorResponses },
      },
    },
    async (req) => orderView(await catalog.getOrder(actorOf(req), req.params.id)),
  );
};
