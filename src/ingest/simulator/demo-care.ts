import type { ApiClient } from './api-client.js';
import { createRng, deliveredEvent, priceProtectionRefund } from './events.js';
import type { SimShop } from './signed-pushes.js';

/**
 * 签收关怀 in the demo: usage articles for the catalogue, care and follow-ups switched on, and a
 * few days of parcels reaching their buyers — each delivery a signed push of the platform's own
 * delivered event (src/channels/delivery-event-names.ts) through the webhook inbox, as a real shop
 * receives it. The care worker then writes its messages, which go out through the simulated
 * platform with its refusals, so the console shows true states (sent, failed, hold-out, skipped).
 */

/** A short usage article per catalogue product (the care message quotes its first tips). */
const USAGE: Record<string, { title: string; body: string }> = {
  '不锈钢保温杯 500ml': {
    title: '保温杯使用方法',
    body: '## 第一次使用\n- 先用温水预热杯身 1 分钟，再倒入开水，保温更久\n- 杯盖拧紧到听见“咔”一声，才不会漏水\n## 清洗\n- 不要放进洗碗机，用软毛刷清洗\n- 不要装碳酸饮料和牛奶过夜',
  },
  便携榨汁杯: {
    title: '榨汁杯使用方法',
    body: '## 使用\n- 先放软的水果，再加水，液面不要超过最高刻度线\n- 杯体要拧到底，指示灯亮起才会启动\n## 充电与清洗\n- 第一次使用前充满电（约 3 小时）\n- 刀头部分不能泡水，用流水冲洗',
  },
  纯棉短袖T恤: {
    title: 'T恤洗护说明',
    body: '## 洗护\n- 第一次洗涤请单独冷水手洗，深色会有少量浮色\n- 反面晾干，避免暴晒\n- 不可漂白，低温熨烫',
  },
  '智利车厘子 2斤装': {
    title: '车厘子收货与保存',
    body: '## 收货\n- 签收后请尽快开箱，拍下开箱照片\n- 坏果请在 48 小时内联系客服\n## 保存\n- 不要清洗直接放冰箱冷藏，吃之前再洗\n- 冷藏 3 天内吃完口感最好',
  },
  '无线充电器 15W': {
    title: '无线充电器使用方法',
    body: '## 使用\n- 请使用原装 18W 以上的适配器，否则只能慢充\n- 手机壳厚度超过 5mm 或带金属片会影响充电\n- 充电时发热属于正常，摸起来烫手请立即停止使用并联系客服',
  },
  婴儿洗发沐浴二合一: {
    title: '洗发沐浴露使用方法',
    body: '## 使用\n- 取适量在手心揉出泡沫后再涂抹，避开眼睛\n- 用温水冲洗干净\n- 第一次使用前可在宝宝手臂内侧做皮肤测试',
  },
};

type Product = { id: string; name: string; skus: { id: string; code: string; priceFen: number }[] };

/** Publishes a usage article for each catalogue product that has none yet. */
export async function writeUsageArticles(client: ApiClient): Promise<number> {
  const products = await client.call<{ items: Product[] }>('GET', '/api/v1/products?limit=500');
  let written = 0;
  for (const p of products.body.items ?? []) {
    const usage = USAGE[p.name];
    if (!usage) continue;
    const have = await client.call<{ items: unknown[] }>(
      'GET',
      `/api/v1/kb/articles?productId=${p.id}&kind=usage&limit=1`,
    );
    if (have.status !== 200 || have.body.items.length) continue;
    const res = await client.call('POST', '/api/v1/kb/articles', {
      productId: p.id,
      kind: 'usage',
      locale: 'zh-CN',
      status: 'published',
      ...usage,
    });
    if (res.status === 201) written++;
  }
  return written;
}

/** Care after delivery and follow-ups on, with the public article links on this install. */
export async function switchCareOn(client: ApiClient, base: string) {
  const current = await client.call<Record<string, unknown>>('GET', '/api/v1/care/settings');
  if (current.status !== 200) throw new Error(`care settings: ${current.status}`);
  const res = await client.call('PUT', '/api/v1/care/settings', {
    ...current.body,
    enabled: true,
    followUpEnabled: true,
    publicBaseUrl: base,
  });
  if (res.status !== 200) throw new Error(`care settings: ${res.status} ${JSON.stringify(res.body)}`);
}

export type Parcel = {
  shop: SimShop;
  orderId: string;
  orderRef: string;
  deliveredAtMs: number;
  /** What the parcel holds (a catalogue product's name), when it is one. */
  productName?: string | undefined;
  /** The buyer opened a refund about the order on the way (Taobao 价保): their own thread. */
  refundThread: boolean;
};

const BUYERS = ['林**', '王*', '陈**', '张*婷', '刘**', '赵*', '周**', '吴*', '郑**', '孙*'];

/**
 * Orders of the last days, shipped and on their way, each with its buyer: delivered between six
 * days and a day and a half ago (inside the care window, past its delay). Answers those it added
 * (a re-run finds them there and adds none).
 */
export async function shippedOrders(
  client: ApiClient,
  shops: SimShop[],
  perShop: number,
  nowMs: number,
): Promise<Parcel[]> {
  const products = (await client.call<{ items: Product[] }>('GET', '/api/v1/products?limit=500')).body.items;
  const sellable = products.filter((p) => USAGE[p.name] && p.skus.length);
  if (!sellable.length) return [];
  const parcels: Parcel[] = [];
  for (const [s, shop] of shops.entries()) {
    const rng = createRng(7_000 + s);
    for (let i = 0; i < perShop; i++) {
      // One in eight buyers bought something without a usage article on file: no care for them.
      const product = rng.chance(0.12) ? undefined : rng.pick(sellable);
      const deliveredAtMs = nowMs - rng.int(36, 144) * 3_600_000;
      const orderRef = `${shop.externalShopId}${String(Math.floor(nowMs / 86_400_000))}${String(i).padStart(3, '0')}`;
      const buyer = await client.call<{ id: string }>('POST', '/api/v1/customers', {
        name: rng.pick(BUYERS),
        shopId: shop.id,
        externalId: `buyer-${orderRef}`,
      });
      if (buyer.status !== 201) continue;
      const sku = product ? rng.pick(product.skus) : undefined;
      const order = await client.call<{ id: string }>('POST', '/api/v1/orders', {
        shopId: shop.id,
        externalId: orderRef,
        customerId: buyer.body.id,
        status: 'shipped',
        paidAt: new Date(deliveredAtMs - rng.int(48, 96) * 3_600_000).toISOString(),
        shippedAt: new Date(deliveredAtMs - rng.int(24, 40) * 3_600_000).toISOString(),
        carrier: '中通快递',
        items: [
          sku && product
            ? { skuId: sku.id, name: product.name, quantity: 1, unitPriceFen: sku.priceFen }
            : { name: '定制礼品卡', quantity: 1, unitPriceFen: 20_00 },
        ],
      });
      if (order.status !== 201) continue;
      parcels.push({
        shop,
        orderId: order.body.id,
        orderRef,
        deliveredAtMs,
        productName: product?.name,
        // A third of the Taobao buyers asked for the price difference while the parcel was on its way.
        refundThread: shop.platform === 'taobao' && i % 3 === 0,
      });
    }
  }
  return parcels;
}

/**
 * Each parcel's delivered event, signed and pushed to the shop's webhook as its platform would —
 * after the price-protection refunds some buyers opened while it was on its way.
 */
export async function pushDeliveries(base: string, parcels: Parcel[], runTag: string) {
  let accepted = 0;
  for (const [i, p] of parcels.entries()) {
    if (!p.refundThread) continue;
    const refundId = `${p.orderRef.slice(-9)}${String(i).padStart(3, '0')}`;
    for (const d of priceProtectionRefund(
      p.shop,
      p.orderRef,
      p.deliveredAtMs - 20 * 3_600_000,
      refundId,
      `${runTag}r${i}`,
      Date.now(),
    )) {
      const res = await fetch(`${base}${d.path}`, { method: 'POST', headers: d.headers, body: d.body });
      await res.arrayBuffer();
    }
  }
  for (const [i, p] of parcels.entries()) {
    const d = deliveredEvent(
      p.shop,
      p.orderRef,
      p.deliveredAtMs,
      `${runTag}${String(i).padStart(4, '0')}`,
      Date.now(),
    );
    const res = await fetch(`${base}${d.path}`, { method: 'POST', headers: d.headers, body: d.body });
    await res.arrayBuffer();
    if (res.ok) accepted++;
  }
  return accepted;
}

/** Waits (up to a minute) until the inbox worker has marked the parcels delivered. */
export async function awaitDelivered(client: ApiClient, parcels: Parcel[]) {
  let delivered = 0;
  for (let round = 0; round < 30; round++) {
    delivered = 0;
    for (const p of parcels) {
      const o = await client.call<{ deliveredAt: string | null }>('GET', `/api/v1/orders/${p.orderId}`);
      if (o.body.deliveredAt) delivered++;
    }
    if (delivered === parcels.length) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  return delivered;
}

/** The care worker now (the server also runs it every minute). */
export async function runCare(client: ApiClient) {
  const res = await client.call<{
    looked: number;
    care: number;
    holdout: number;
    none: number;
    followUps: number;
  }>('POST', '/api/v1/care/run');
  if (res.status !== 200) throw new Error(`care run: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
