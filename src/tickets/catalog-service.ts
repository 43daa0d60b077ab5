import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secret-box.js';
import * as catalog from './catalog-repo.js';
import { checkReferences, maskPhone } from './references.js';

export type CatalogService = ReturnType<typeof createCatalogService>;

/** The customers, products with their SKUs and orders with their items that cases refer to. */
export function createCatalogService({
  db,
  clock,
  secretBox,
}: {
  db: Db;
  clock: Clock;
  /** Seals full contact details; without it only the masked form is kept. */
  secretBox?: SecretBox | undefined;
}) {
  const seal = (value: string | undefined) => (value && secretBox ? secretBox.seal(value) : null);
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  return {
    async createCustomer(
      actor: Actor,
      input: {
        name: string;
        shopId?: string | undefined;
        externalId?: string | undefined;
        phone?: string | undefined;
        email?: string | undefined;
        locale?: string | undefined;
      },
    ) {
      const scope = scopeOf(actor);
      await checkReferences(scope, [{ shopId: input.shopId }]);
      const now = clock.now();
      return catalog.insertCustomer(scope, {
        id: newId(),
        shopId: input.shopId ?? null,
        externalId: input.externalId ?? null,
        name: input.name,
        phoneMasked: input.phone ? maskPhone(input.phone) : null,
        phoneSealed: seal(input.phone),
        email: input.email ?? null,
        locale: input.locale ?? 'zh-CN',
        createdAt: now,
        updatedAt: now,
      });
    },

    /** The full contact details, for a role that needs them to call or ship; every look is audited. */
    async revealCustomerContact(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const customer = await catalog.findCustomer(scope, id);
      if (!customer) throw new AppError('CUSTOMER_NOT_FOUND', `customer ${id} not found`);
      const open = (sealed: string | null) => (sealed && secretBox ? secretBox.open(sealed) : null);
      await recordAudit(
        scope,
        actor,
        [{ entityType: 'customer', entityId: id, action: 'contact_revealed' }],
        clock.now(),
      );
      return { phone: open(customer.phoneSealed), address: open(customer.addressSealed) };
    },

    searchCustomers: (actor: Actor, q: string | undefined, limit: number) =>
      catalog.searchCustomers(scopeOf(actor), q, limit),

    async getCustomer(actor: Actor, id: string) {
      const customer = await catalog.findCustomer(scopeOf(actor), id);
      if (!customer) throw new AppError('CUSTOMER_NOT_FOUND', `customer ${id} not found`);
      return customer;
    },

    async createProduct(
      actor: Actor,
      input: {
        name: string;
        shopId?: string | undefined;
        externalId?: string | undefined;
        category?: string | undefined;
        supplier?: string | undefined;
        skus: { code: string; name: string; priceFen?: number | undefined; supplier?: string | undefined }[];
      },
    ) {
      const scope = scopeOf(actor);
      await checkReferences(scope, [{ shopId: input.shopId }]);
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const product = await catalog.insertProduct(tx, {
          id: newId(),
          shopId: input.shopId ?? null,
          externalId: input.externalId ?? null,
          name: input.name,
          category: input.category ?? null,
          supplier: input.supplier ?? null,
          createdAt: now,
        });
        const skus = await catalog.insertSkus(
          tx,
          input.skus.map((s) => ({
            id: newId(),
            productId: product.id,
            code: s.code,
            name: s.name,
            priceFen: s.priceFen ?? null,
            supplier: s.supplier ?? null,
            createdAt: now,
          })),
        );
        return { product, skus };
      });
    },

    async listProducts(actor: Actor, limit: number) {
      const scope = scopeOf(actor);
      const products = await catalog.listProducts(scope, limit);
      const skus = await catalog.listSkus(
        scope,
        products.map((p) => p.id),
      );
      return products.map((product) => ({ product, skus: skus.filter((s) => s.productId === product.id) }));
    },

    async createOrder(
      actor: Actor,
      input: {
        shopId: string;
        externalId: string;
        customerId?: string | undefined;
        status?: string | undefined;
        currency?: string | undefined;
        paidAt?: Date | undefined;
        shippedAt?: Date | undefined;
        deliveredAt?: Date | undefined;
        carrier?: string | undefined;
        trackingNo?: string | undefined;
        items: {
          skuId?: string | undefined;
          name: string;
          quantity: number;
          unitPriceFen: number;
          paidFen?: number | undefined;
          batch?: string | undefined;
          supplier?: string | undefined;
        }[];
      },
    ) {
      const scope = scopeOf(actor);
      await checkReferences(scope, [{ shopId: input.shopId, customerId: input.customerId }]);
      const skuIds = input.items.flatMap((i) => (i.skuId ? [i.skuId] : []));
      const skus = await catalog.findSkus(scope, skuIds);
      for (const id of skuIds) {
        if (!skus.some((s) => s.id === id)) throw new AppError('PRODUCT_NOT_FOUND', `sku ${id} not found`);
      }
      if (await catalog.findOrderByExternalId(scope, input.shopId, input.externalId)) {
        throw new AppError('CONFLICT', `order ${input.externalId} already exists in this shop`);
      }
      const now = clock.now();
      const items = input.items.map((i) => {
        const sku = i.skuId ? skus.find((s) => s.id === i.skuId) : undefined;
        return {
          id: newId(),
          productId: sku?.productId ?? null,
          skuId: i.skuId ?? null,
          name: i.name,
          quantity: i.quantity,
          unitPriceFen: i.unitPriceFen,
          paidFen: i.paidFen ?? i.unitPriceFen * i.quantity,
          batch: i.batch ?? null,
          supplier: i.supplier ?? sku?.supplier ?? null,
        };
      });
      return scope.transaction(async (tx) => {
        const order = await catalog.insertOrder(tx, {
          id: newId(),
          shopId: input.shopId,
          customerId: input.customerId ?? null,
          externalId: input.externalId,
          status: input.status ?? 'paid',
          totalFen: items.reduce((sum, i) => sum + i.paidFen, 0),
          currency: input.currency ?? 'CNY',
          paidAt: input.paidAt ?? null,
          shippedAt: input.shippedAt ?? null,
          deliveredAt: input.deliveredAt ?? null,
          carrier: input.carrier ?? null,
          trackingNo: input.trackingNo ?? null,
          createdAt: now,
        });
        const rows = await catalog.insertOrderItems(
          tx,
          items.map((i) => ({ ...i, orderId: order.id })),
        );
        return { order, items: rows };
      });
    },

    async getOrder(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const order = await catalog.findOrder(scope, id);
      if (!order) throw new AppError('ORDER_NOT_FOUND', `order ${id} not found`);
      return { order, items: await catalog.listOrderItems(scope, id) };
    },

    listOrders: (actor: Actor, filter: catalog.OrderFilter, limit: number) =>
      catalog.listOrders(scopeOf(actor), filter, limit),
  };
}
