// The answers of the catalog routes (customers, products, orders); the console types them from here.
import { z } from 'zod';

export const CustomerView = z.object({
  id: z.uuid(),
  shopId: z.uuid().nullable(),
  externalId: z.string().nullable(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  email: z.string().nullable(),
  locale: z.string(),
});

export const SkuView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  priceFen: z.number().nullable(),
  supplier: z.string().nullable(),
});
export const ProductView = z.object({
  id: z.uuid(),
  shopId: z.uuid().nullable(),
  externalId: z.string().nullable(),
  name: z.string(),
  category: z.string().nullable(),
  supplier: z.string().nullable(),
  skus: z.array(SkuView),
});

export const OrderItemView = z.object({
  id: z.uuid(),
  skuId: z.uuid().nullable(),
  productId: z.uuid().nullable(),
  name: z.string(),
  quantity: z.number().int(),
  unitPriceFen: z.number(),
  paidFen: z.number(),
  batch: z.string().nullable(),
  supplier: z.string().nullable(),
});
export const OrderView = z.object({
  id: z.uuid(),
  shopId: z.uuid(),
  customerId: z.uuid().nullable(),
  externalId: z.string(),
  status: z.string(),
  totalFen: z.number(),
  currency: z.string(),
  paidAt: z.date().nullable(),
  shippedAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  items: z.array(OrderItemView),
});
