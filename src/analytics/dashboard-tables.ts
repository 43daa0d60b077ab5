import type { MoneyRow, QualityRow, ServiceRow } from './analytics-types.js';
import { type ExportTable, hours, minutes, PLATFORM_NAMES, percent, yuan } from './export-tables.js';

// Each dashboard table as an export: the same columns the console shows, headers in both languages.

const GROUP_HEADER: Record<string, string> = {
  sku: 'SKU',
  batch: '批次 batch',
  supplier: '供应商 supplier',
  shop: '店铺 shop',
  platform: '平台 platform',
  agent: '客服 agent',
  category: '品类 category',
  month: '月份 month',
};

const labelOf = (group: string, r: { key: string; label: string }) =>
  group === 'platform'
    ? (PLATFORM_NAMES[r.key] ?? r.key)
    : group === 'agent' && !r.key
      ? '未分配 unassigned'
      : group === 'category' && !r.key
        ? '未分类 uncategorised'
        : r.label;

export function qualityTable(group: string, rows: QualityRow[]): ExportTable {
  return {
    name: `质量 quality by ${group}`,
    headers: [
      GROUP_HEADER[group] ?? group,
      '订单 orders',
      '投诉 complaints',
      '每千单投诉 complaints per 1000 orders',
      '差评 negative reviews',
      '每千单差评 negative reviews per 1000 orders',
      '商品问题 goods complaints',
      '安全投诉 safety complaints',
    ],
    rows: rows.map((r) => [
      labelOf(group, r),
      r.orders,
      r.complaints,
      r.complaintsPer1000Orders,
      r.negativeReviews,
      r.negativeReviewsPer1000Orders,
      r.goodsComplaints,
      r.safetyComplaints,
    ]),
  };
}

export function moneyTable(group: string, rows: MoneyRow[]): ExportTable {
  return {
    name: `资金 money by ${group}`,
    headers: [
      GROUP_HEADER[group] ?? group,
      '案件 cases',
      '退款(元) refunds (CNY)',
      '赔偿(元) compensation (CNY)',
      '优惠券(元) coupons (CNY)',
      '补发/换货 reships',
      '补发货值(元) reship value (CNY)',
      '合计(元) total (CNY)',
      '法定赔偿敞口(元) statutory exposure (CNY)',
      '敞口案件 exposure cases',
    ],
    rows: rows.map((r) => [
      labelOf(group, r),
      r.cases,
      yuan(r.refundFen),
      yuan(r.compensationFen),
      yuan(r.couponFen),
      r.reships,
      yuan(r.reshipValueFen),
      yuan(r.totalFen),
      yuan(r.statutoryExposureFen),
      r.exposureCases,
    ]),
  };
}

export function serviceTable(group: string, rows: ServiceRow[]): ExportTable {
  return {
    name: `服务 service by ${group}`,
    headers: [
      GROUP_HEADER[group] ?? group,
      '案件 cases',
      '已回复 responded',
      '首次响应中位数(分钟) first response median (min)',
      '首次响应90分位(分钟) first response 90th percentile (min)',
      '解决中位数(小时) resolution median (h)',
      '解决90分位(小时) resolution 90th percentile (h)',
      '首响达标率% SLA met %',
      '解决达标率% resolution met %',
      '在线咨询 live chats',
      '3分钟回复率% answered within 3 min %',
      '未结 open',
      '已结 closed',
      '满意度 CSAT (1-5)',
      '满意度答复 CSAT answers',
    ],
    rows: rows.map((r) => [
      labelOf(group, r),
      r.cases,
      r.responded,
      minutes(r.firstResponseP50Ms),
      minutes(r.firstResponseP90Ms),
      hours(r.resolutionP50Ms),
      hours(r.resolutionP90Ms),
      percent(r.slaMetShare),
      percent(r.resolutionMetShare),
      r.liveChats,
      percent(r.liveChatWithin3MinShare),
      r.open,
      r.closed,
      r.csatAverage,
      r.csatAnswers,
    ]),
  };
}

export function backlogTable(
  group: string,
  rows: {
    key: string;
    label: string;
    open: number;
    under1d: number;
    d1to3: number;
    d3to7: number;
    over7d: number;
  }[],
): ExportTable {
  return {
    name: `积压 backlog by ${group}`,
    headers: [
      GROUP_HEADER[group] ?? group,
      '未结 open',
      '不足1天 under 1 day',
      '1-3天 1-3 days',
      '3-7天 3-7 days',
      '超过7天 over 7 days',
    ],
    rows: rows.map((r) => [labelOf(group, r), r.open, r.under1d, r.d1to3, r.d3to7, r.over7d]),
  };
}

export function reviewsTable(
  group: string,
  rows: {
    key: string;
    label: string;
    negativeReviews: number;
    replied: number;
    turnedPositive: number;
    turnedPositiveShare: number | null;
  }[],
): ExportTable {
  return {
    name: `差评挽回 reviews by ${group}`,
    headers: [
      GROUP_HEADER[group] ?? group,
      '差评 negative reviews',
      '已回复 replied',
      '改为好评 turned positive',
      '挽回率% turned positive %',
    ],
    rows: rows.map((r) => [
      labelOf(group, r),
      r.negativeReviews,
      r.replied,
      r.turnedPositive,
      percent(r.turnedPositiveShare),
    ]),
  };
}

const CAUSE_NAMES: Record<string, string> = {
  supplier_defect: '供应商质量问题 supplier defect',
  manufacturing: '生产缺陷 manufacturing',
  transit_damage: '运输途中损坏 transit damage',
  listing_mismatch: '商品描述不符 listing mismatch',
  warehouse_error: '仓库发货差错 warehouse error',
  service_process: '服务流程问题 service process',
  customer_misuse: '买家使用不当 customer misuse',
  unfounded: '投诉不成立 unfounded',
  quality_defect: '质量问题 quality defect',
  damaged_in_transit: '运输破损 damaged in transit',
  not_as_described: '货不对板 not as described',
  wrong_or_missing_item: '错发漏发 wrong or missing item',
  logistics_delay: '物流延误 logistics delay',
  service_attitude: '服务态度 service attitude',
  slow_response: '回复不及时 slow response',
  refund_dispute: '退款纠纷 refund dispute',
  counterfeit_suspected: '疑似假货 counterfeit suspected',
  safety_hazard: '安全隐患 safety hazard',
  price_dispute: '价格争议 price dispute',
  privacy_concern: '隐私问题 privacy concern',
  other: '其他 other',
};

export function causesTable(
  kind: 'rootCauses' | 'categories',
  rows: { key: string; count: number; share: number; cumulativeShare: number }[],
): ExportTable {
  return {
    name: kind === 'rootCauses' ? '根因 root causes' : '问题类别 categories',
    headers: [
      kind === 'rootCauses' ? '根因 root cause' : '类别 category',
      '案件 cases',
      '占比% share %',
      '累计% cumulative %',
    ],
    rows: rows.map((r) => [
      CAUSE_NAMES[r.key] ?? r.key,
      r.count,
      percent(r.share),
      percent(r.cumulativeShare),
    ]),
  };
}
