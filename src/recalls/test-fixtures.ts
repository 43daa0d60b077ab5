import type { TestApp, TestClient } from '../http/test-app.js';
import { createShop, drain, push, type TestShop } from '../ingest/testing.js';

export type PowerBankMerchant = {
  shop: TestShop;
  shopId: string;
  manualShopId: string;
  skuId: string;
  /** Orders of batch B2024-11 (in scope), with their buyers. */
  inScope: { orderId: string; customerId: string; externalId: string }[];
  /** An order of batch B2024-12 (out of scope). */
  outOfScope: { orderId: string; customerId: string; externalId: string };
  criticalTicketId: string;
};

/** A merchant with a Taobao shop and a manual shop, power banks in two batches, and a safety complaint. */
export async function aPowerBankMerchant(client: TestClient, inScopeCount = 3): Promise<PowerBankMerchant> {
  const ok = async (url: string, payload: unknown) => {
    const res = await client.request('POST', url, payload);
    if (res.statusCode >= 300) throw new Error(`POST ${url} → ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const tag = Math.random().toString(36).slice(2, 8);
  const shop = await createShop(client, 'taobao');
  const manual = await ok('/api/v1/shops', { platform: 'manual', name: '线下门店' });
  const product = await ok('/api/v1/products', {
    name: '20000mAh 快充充电宝',
    shopId: shop.id,
    supplier: '深圳电芯厂',
    skus: [{ code: `PB-20K-${tag}`, name: '充电宝 20000mAh 黑色', priceFen: 129_00 }],
  });
  const skuId = product.skus[0].id as string;
  const order = async (shopId: string, batch: string, name: string, quantity = 1) => {
    const customer = await ok('/api/v1/customers', { name, shopId, externalId: `b-${tag}-${name}` });
    const o = await ok('/api/v1/orders', {
      shopId,
      externalId: `38${Math.floor(Math.random() * 1e15)}`,
      customerId: customer.id,
      status: 'delivered',
      paidAt: '2024-11-20T02:00:00Z',
      deliveredAt: '2024-11-23T02:00:00Z',
      items: [
        {
          skuId,
          name: '充电宝 20000mAh 黑色',
          quantity,
          unitPriceFen: 129_00,
          batch,
          supplier: '深圳电芯厂',
        },
      ],
    });
    return { orderId: o.id as string, customerId: customer.id as string, externalId: o.externalId as string };
  };
  const inScope = [];
  for (let i = 0; i < inScopeCount; i++) inScope.push(await order(shop.id, 'B2024-11', `买家${i + 1}`));
  const outOfScope = await order(shop.id, 'B2024-12', '买家X');
  const critical = await ok('/api/v1/tickets', {
    kind: 'complaint',
    channel: 'platform_message',
    subject: '充电宝充电时发烫冒烟',
    body: '充电宝充电的时候特别烫，还冒烟了，太危险了！',
    severity: 'critical',
    categories: ['safety_hazard'],
    shopId: shop.id,
    customerId: inScope[0]!.customerId,
    orderId: inScope[0]!.orderId,
  });
  return {
    shop,
    shopId: shop.id,
    manualShopId: manual.id,
    skuId,
    inScope,
    outOfScope,
    criticalTicketId: critical.id,
  };
}

let refundCounter = 0;

/** The buyer opens a refund on Taobao for the order (a signed TMC push, processed by the inbox worker). */
export async function openRefund(t: TestApp, shop: TestShop, orderExternalId: string): Promise<string> {
  const refundId = `1661${Date.now()}${++refundCounter}`;
  const content = JSON.stringify({
    refund_id: refundId,
    tid: orderExternalId,
    oid: `${orderExternalId}1`,
    refund_fee: '129.00',
    bill_type: 'refund_bill',
    refund_phase: 'aftersale',
    buyer_nick: 't**1',
    modified: '2026-11-25 10:00:00',
  });
  const res = await push(t, shop, {
    topic: 'taobao_refund_RefundCreated',
    content,
    id: Number(`9${refundId.slice(-12)}`),
    userid: 2200123456,
    nick: '闪电数码旗舰店',
    outtime: '2026-11-25 10:00:00',
    dataid: refundId,
    publisher: 'TOP',
  });
  if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
  await drain(t);
  return refundId;
}
