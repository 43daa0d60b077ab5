import type { TestApp, TestClient } from '../http/test-app.js';

export type CaseFixture = {
  shopId: string;
  customerId: string;
  orderId: string;
  ticketId: string;
};

/** A Douyin shop, a ¥199 cup order delivered yesterday, and a quality complaint about it. */
export async function aQualityCase(
  client: TestClient,
  opts: {
    categories?: string[];
    productCategory?: string;
    priceFen?: number;
    currentPriceFen?: number;
    deliveredAt?: Date;
    platform?: string;
    shopId?: string;
    customerName?: string;
    locale?: 'zh-CN' | 'en';
  } = {},
): Promise<CaseFixture> {
  const ok = async (method: 'POST' | 'PATCH', url: string, payload: unknown) => {
    const res = await client.request(method, url, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const shopId =
    opts.shopId ??
    (
      await ok('POST', '/api/v1/shops', {
        platform: opts.platform ?? 'douyin',
        name: '抖店旗舰店',
        appKey: 'k',
        appSecret: 's',
      })
    ).id;
  const customer = await ok('POST', '/api/v1/customers', {
    name: opts.customerName ?? '王女士',
    shopId,
    externalId: `buyer-${Math.random().toString(36).slice(2)}`,
    ...(opts.locale ? { locale: opts.locale } : {}),
  });
  const price = opts.priceFen ?? 199_00;
  const product = await ok('POST', '/api/v1/products', {
    name: '手工陶瓷马克杯',
    shopId,
    category: opts.productCategory ?? '家居/杯具',
    supplier: '景德镇瓷厂',
    skus: [
      {
        code: `MUG-${Math.random().toString(36).slice(2, 8)}`,
        name: '陶瓷马克杯 350ml',
        priceFen: opts.currentPriceFen ?? price,
      },
    ],
  });
  const order = await ok('POST', '/api/v1/orders', {
    shopId,
    externalId: `DY${Date.now()}${Math.floor(Math.random() * 1000)}`,
    customerId: customer.id,
    status: 'delivered',
    paidAt: new Date(Date.now() - 4 * 86_400_000).toISOString(),
    deliveredAt: (opts.deliveredAt ?? new Date(Date.now() - 86_400_000)).toISOString(),
    carrier: '中通快递',
    trackingNo: 'ZT7700112233',
    items: [
      {
        skuId: product.skus[0].id,
        name: '陶瓷马克杯 350ml',
        quantity: 1,
        unitPriceFen: price,
        batch: 'B2611',
      },
    ],
  });
  const ticket = await ok('POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'after_sales',
    subject: '收到的杯子有裂缝',
    body: '打开包装发现杯口有一道裂缝，没法用，怎么处理？',
    shopId,
    customerId: customer.id,
    orderId: order.id,
    categories: opts.categories ?? ['quality_defect'],
  });
  // Triage may add categories of its own; the case under test keeps the ones we set.
  await ok('PATCH', `/api/v1/tickets/${ticket.id}`, { categories: opts.categories ?? ['quality_defect'] });
  return { shopId, customerId: customer.id, orderId: order.id, ticketId: ticket.id };
}

export async function auditActions(t: TestApp, client: TestClient, ticketId: string): Promise<string[]> {
  void t;
  const res = await client.request('GET', `/api/v1/tickets/${ticketId}/audit`);
  return res.json().items.map((e: { action: string }) => e.action);
}
