import type { IMPORT_KINDS, StoredRow } from '../db/schema/imports.js';
import {
  type Read,
  type ReasonCode,
  type ReasonParams,
  readBool,
  readCount,
  readDateTime,
  readId,
  readMoneyFen,
  readScore,
  readText,
} from './values.js';

export type ImportKind = (typeof IMPORT_KINDS)[number];

type FieldType = 'text' | 'longtext' | 'id' | 'datetime' | 'score' | 'count' | 'money' | 'bool';

/**
 * One column an import understands. `required`: the column must be mapped and every row must have a
 * value; `column`: the column must be mapped but a row may leave it empty. Aliases are the header
 * names back-offices use (Douyin, Pinduoduo, Taobao, TikTok exports), in Chinese and English.
 */
export type FieldSpec = {
  key: string;
  type: FieldType;
  required?: boolean;
  column?: boolean;
  aliases: string[];
};

const f = (key: string, type: FieldType, aliases: string[], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  key,
  type,
  aliases,
  ...extra,
});

export const FIELDS: Record<ImportKind, FieldSpec[]> = {
  reviews: [
    f('reviewId', 'id', ['评价ID', '评价编号', '评论ID', 'review id', 'comment id']),
    f(
      'reviewedAt',
      'datetime',
      ['评价日期', '评价时间', '评论时间', 'review date', 'reviewed at', 'review time'],
      {
        required: true,
      },
    ),
    f('orderId', 'id', ['订单ID', '订单号', '订单编号', '子订单号', 'order id', 'order no', 'order number'], {
      required: true,
    }),
    f('productId', 'id', ['商品ID', '商品编号', '宝贝ID', 'product id', 'goods id', 'item id'], {
      required: true,
    }),
    f('productName', 'text', [
      '商品名称',
      '商品标题',
      '宝贝标题',
      'product name',
      'product title',
      'item name',
    ]),
    f('skuSpec', 'text', ['商品规格', '规格', 'SKU规格', 'sku', 'specification', 'variant']),
    f(
      'score',
      'score',
      ['商品评价得分', '评价得分', '商品评分', '评分', '星级', 'score', 'rating', 'stars'],
      {
        required: true,
      },
    ),
    f(
      'content',
      'longtext',
      ['评价内容', '评论内容', '评价', 'review content', 'review text', 'review', 'comment'],
      {
        column: true,
      },
    ),
    f('nickname', 'text', ['用户昵称', '买家昵称', '昵称', 'nickname', 'buyer nickname', 'buyer']),
    f('level', 'text', ['评价等级', '评价类型', 'review level', 'level']),
    f('followUpContent', 'longtext', ['追评内容', '追评', 'follow-up content', 'follow-up']),
    f('followUpAt', 'datetime', ['追评时间', 'follow-up time', 'follow-up date']),
    f('merchantReplied', 'bool', ['商家是否回复', '是否回复', 'merchant replied', 'replied']),
    f('replyContent', 'longtext', ['回复内容', '商家回复', 'reply content', 'reply']),
    f('storeId', 'id', ['门店ID', 'store id']),
    f('storeName', 'text', ['门店名称', 'store name']),
    f('flagged', 'bool', ['是否差评', '差评标记', 'flagged', 'negative']),
  ],
  orders: [
    f(
      'orderId',
      'id',
      ['订单ID', '订单号', '订单编号', '主订单编号', 'order id', 'order no', 'order number'],
      {
        required: true,
      },
    ),
    f('productId', 'id', ['商品ID', '商品编号', '宝贝ID', 'product id', 'goods id', 'item id']),
    f(
      'productName',
      'text',
      ['商品名称', '商品标题', '宝贝标题', 'product name', 'product title', 'item name'],
      {
        required: true,
      },
    ),
    f('skuCode', 'id', [
      'SKU编码',
      '商家编码',
      'SKU ID',
      'SKU编号',
      '规格编码',
      'sku code',
      'sku id',
      'seller sku',
    ]),
    f('skuName', 'text', ['商品规格', '规格', 'SKU名称', 'sku name', 'specification', 'variant']),
    f('quantity', 'count', ['数量', '购买数量', '商品数量', 'quantity', 'qty'], { required: true }),
    f('unitPrice', 'money', ['单价', '商品单价', '价格', 'unit price', 'price'], { required: true }),
    f('paidAmount', 'money', [
      '实付金额',
      '实付款',
      '买家实付',
      '支付金额',
      '实收款',
      'paid amount',
      'amount paid',
    ]),
    f('batch', 'text', ['批次', '批次号', '生产批次', 'batch', 'lot', 'batch no']),
    f('supplier', 'text', ['供应商', '供货商', '厂家', 'supplier', 'vendor']),
    f('category', 'text', ['商品类目', '类目', 'category']),
    f('status', 'text', ['订单状态', 'order status', 'status']),
    f('paidAt', 'datetime', [
      '支付时间',
      '付款时间',
      '下单时间',
      '订单创建时间',
      'paid at',
      'payment time',
      'order time',
    ]),
    f('shippedAt', 'datetime', ['发货时间', 'shipped at', 'ship time']),
    f('deliveredAt', 'datetime', ['签收时间', '收货时间', '确认收货时间', 'delivered at', 'delivery time']),
    f('carrier', 'text', ['物流公司', '快递公司', 'carrier', 'logistics company']),
    f('trackingNo', 'id', ['运单号', '快递单号', '物流单号', 'tracking number', 'tracking no']),
  ],
  after_sales: [
    f(
      'afterSaleId',
      'id',
      [
        '售后单号',
        '售后ID',
        '售后编号',
        '退款编号',
        '退款单号',
        'after-sale id',
        'aftersale id',
        'refund id',
        'return id',
      ],
      { required: true },
    ),
    f('orderId', 'id', ['订单ID', '订单号', '订单编号', 'order id', 'order no', 'order number']),
    f('type', 'text', ['售后类型', '退款类型', 'after-sale type', 'refund type', 'type']),
    f('status', 'text', ['售后状态', '退款状态', 'after-sale status', 'refund status', 'status']),
    f('reason', 'text', ['售后原因', '退款原因', '申请原因', 'reason', 'refund reason']),
    f('description', 'longtext', [
      '问题描述',
      '买家留言',
      '退款说明',
      '补充描述',
      'description',
      'buyer note',
      'remark',
    ]),
    f('refundAmount', 'money', ['退款金额', '申请退款金额', 'refund amount', 'amount']),
    f('appliedAt', 'datetime', [
      '申请时间',
      '售后申请时间',
      '创建时间',
      'applied at',
      'apply time',
      'created at',
    ]),
    f('buyerNickname', 'text', ['买家昵称', '用户昵称', 'buyer nickname', 'buyer']),
    f('productName', 'text', ['商品名称', '商品标题', 'product name', 'item name']),
    f('returnTrackingNo', 'id', ['退货运单号', '退货物流单号', 'return tracking number']),
    // Tmall's refund calls need it (售中/售后); the header names of the platforms' exports are UNCERTAIN.
    f('refundPhase', 'text', ['退款阶段', '售后阶段', '退款类别', 'refund phase']),
  ],
  listings: [
    f(
      'listingId',
      'id',
      ['商品ID', '商品编号', '宝贝ID', '商品id', 'product id', 'goods id', 'item id', 'listing id'],
      {
        required: true,
      },
    ),
    f(
      'title',
      'text',
      ['商品标题', '商品名称', '宝贝标题', '标题', 'title', 'product title', 'product name'],
      {
        required: true,
      },
    ),
    f('description', 'longtext', ['商品描述', '商品详情', '详情描述', '描述', 'description', 'details']),
    f('category', 'text', ['商品类目', '类目', '分类', 'category']),
    f('brand', 'text', ['品牌', 'brand']),
    f('material', 'text', ['材质', '面料', '材料', '成分', '面料成分', 'material', 'fabric']),
    f('style', 'text', ['款式', '风格', 'style']),
    f('price', 'money', ['售价', '价格', '销售价', '现价', '一口价', 'price', 'sale price']),
    f('referencePrice', 'money', [
      '划线价',
      '原价',
      '参考价',
      '市场价',
      '吊牌价',
      'reference price',
      'list price',
      'original price',
    ]),
    f('images', 'longtext', ['主图', '主图链接', '主图尺寸', '商品主图', '图片', 'main images', 'images']),
    f('skuCodes', 'text', [
      'SKU编码',
      '商家编码',
      'SKU ID',
      '规格编码',
      'sku codes',
      'sku code',
      'seller sku',
    ]),
  ],
};

/** Header text compared loosely: case, spaces, _ and -, and bracketed units such as (元) do not matter. */
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[（(【[].*?[)）】\]]/g, '')
    .replace(/[\s_\-:：]/g, '');

/**
 * A suggested field → header mapping from the header names: exact (loose) matches first, then
 * headers that contain an alias; each header serves one field.
 */
export function suggestMapping(kind: ImportKind, headers: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  const normalised = headers.map((h) => ({ header: h, n: norm(h) }));
  for (const pass of ['exact', 'contains'] as const) {
    for (const field of FIELDS[kind]) {
      if (mapping[field.key]) continue;
      for (const alias of field.aliases.map(norm)) {
        const hit = normalised.find(
          ({ header, n }) => !used.has(header) && (pass === 'exact' ? n === alias : n.includes(alias)),
        );
        if (hit) {
          mapping[field.key] = hit.header;
          used.add(hit.header);
          break;
        }
      }
    }
  }
  return mapping;
}

/** Required fields the mapping leaves out, or maps to a header the file does not have. */
export function missingColumns(
  kind: ImportKind,
  mapping: Record<string, string>,
  headers: string[],
): string[] {
  return FIELDS[kind]
    .filter((fld) => fld.required || fld.column)
    .filter((fld) => !mapping[fld.key] || !headers.includes(mapping[fld.key]!))
    .map((fld) => fld.key);
}

export type RowValues = Record<string, string | number | boolean | Date | undefined>;
export type RowProblem = { column: string; code: ReasonCode; params: ReasonParams };
export type RowRead =
  | { ok: true; values: RowValues }
  | { ok: false; reason: string; column: string; problems: RowProblem[] };

const TEXT_MAX = { text: 200, longtext: 5000 } as const;

function readField(spec: FieldSpec, raw: string, zone: string): Read<string | number | boolean | Date> {
  switch (spec.type) {
    case 'text':
    case 'longtext':
      return readText(raw, TEXT_MAX[spec.type]);
    case 'id':
      return readId(raw);
    case 'datetime':
      return readDateTime(raw, zone);
    case 'score':
      return readScore(raw);
    case 'count':
      return readCount(raw);
    case 'money':
      return readMoneyFen(raw);
    case 'bool':
      return readBool(raw);
  }
}

/** Reads the mapped cells of one row; every problem of the row goes into one reason. */
export function readRow(
  kind: ImportKind,
  mapping: Record<string, string>,
  headers: string[],
  row: StoredRow,
  zone: string,
): RowRead {
  const values: RowValues = {};
  const problems: (RowProblem & { reason: string })[] = [];
  for (const spec of FIELDS[kind]) {
    const header = mapping[spec.key];
    if (!header) continue;
    const index = headers.indexOf(header);
    if (index < 0) continue;
    const raw = row.cells[index] ?? '';
    if (raw.trim() === '') {
      if (spec.required)
        problems.push({ column: header, code: 'empty', params: {}, reason: `${header}: empty` });
      continue;
    }
    const note = row.notes?.[index];
    if (note && spec.type === 'id') {
      problems.push({ column: header, code: 'precision_lost', params: {}, reason: `${header}: ${note}` });
      continue;
    }
    const read = readField(spec, raw, zone);
    if (read.ok) values[spec.key] = read.value;
    else
      problems.push({
        column: header,
        code: read.code,
        params: read.params,
        reason: `${header}: ${read.reason}`,
      });
  }
  if (problems.length) {
    return {
      ok: false,
      column: problems[0]!.column,
      reason: problems.map((p) => p.reason).join('; '),
      problems: problems.map(({ column, code, params }) => ({ column, code, params })),
    };
  }
  return { ok: true, values };
}
