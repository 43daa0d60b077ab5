import type { PlaybookStep } from '../db/schema/playbooks.js';
import type { ComplaintCategory } from '../tickets/ticket-types.js';

const OPEN_EARLY = ['new', 'acknowledged', 'investigating', 'awaiting_customer'];

const apologise: PlaybookStep = {
  key: 'apologise',
  action: 'reply',
  title: { zh: '第一时间诚恳致歉，接手问题', en: 'Apologise at once and own the case' },
  templateKey: 'first_apology',
  statuses: OPEN_EARLY,
};
const askEvidence: PlaybookStep = {
  key: 'ask_evidence',
  action: 'request_evidence',
  title: {
    zh: '请顾客拍照/视频：问题部位、外包装、快递面单',
    en: 'Ask for photos/video: the defect, the parcel, the label',
  },
  templateKey: 'ask_evidence',
  statuses: OPEN_EARLY,
};
const checkTracking: PlaybookStep = {
  key: 'check_tracking',
  action: 'check_tracking',
  title: { zh: '查物流轨迹，必要时联系快递', en: 'Check the tracking, contact the carrier if needed' },
  statuses: OPEN_EARLY,
};
const updateBuyer: PlaybookStep = {
  key: 'update_buyer',
  action: 'reply',
  title: { zh: '把物流进度告诉顾客', en: 'Tell the buyer where the parcel is' },
  templateKey: 'tracking_update',
};
const satisfaction: PlaybookStep = {
  key: 'satisfaction',
  action: 'reply',
  title: { zh: '补偿到位后回访满意度', en: 'Check satisfaction once the remedy has arrived' },
  templateKey: 'satisfaction_check',
  statuses: ['resolving', 'follow_up'],
};
const offer = (
  remedies: string[],
  title: PlaybookStep['title'],
  couponFen?: number,
  templateKey?: string,
): PlaybookStep => ({
  key: 'offer',
  action: 'offer',
  title,
  remedies,
  ...(couponFen ? { couponFen } : {}),
  templateKey: templateKey ?? `offer_${remedies[0]}`,
});

export type DefaultPlaybook = {
  category: ComplaintCategory;
  name: { zh: string; en: string };
  steps: PlaybookStep[];
};

export const DEFAULT_PLAYBOOKS: DefaultPlaybook[] = [
  {
    category: 'quality_defect',
    name: { zh: '质量问题', en: 'Quality defect' },
    steps: [
      apologise,
      askEvidence,
      offer(
        ['exchange', 'return_and_refund'],
        {
          zh: '提出换货或退货退款（运费我们承担）并送优惠券',
          en: 'Offer an exchange or a return and refund (we pay shipping) plus a coupon',
        },
        10_00,
        'offer_exchange_with_coupon',
      ),
      satisfaction,
    ],
  },
  {
    category: 'damaged_in_transit',
    name: { zh: '运输破损', en: 'Damaged in transit' },
    steps: [
      apologise,
      askEvidence,
      offer(['reship', 'refund'], {
        zh: '补发或退款，并向快递索赔',
        en: 'Reship or refund, and claim from the carrier',
      }),
      satisfaction,
    ],
  },
  {
    category: 'not_as_described',
    name: { zh: '与描述不符', en: 'Not as described' },
    steps: [
      apologise,
      askEvidence,
      offer(['return_and_refund', 'partial_refund'], {
        zh: '退货退款（运费我们承担）或部分退款',
        en: 'Return and refund (we pay shipping) or a partial refund',
      }),
      {
        key: 'fix_listing',
        action: 'internal_note',
        title: { zh: '核对并修正商品详情页', en: 'Check and correct the listing' },
      },
      satisfaction,
    ],
  },
  {
    category: 'wrong_or_missing_item',
    name: { zh: '错发漏发', en: 'Wrong or missing item' },
    steps: [
      apologise,
      {
        ...askEvidence,
        title: { zh: '请顾客拍下收到的商品和面单', en: 'Ask for photos of what arrived and the label' },
      },
      offer(['reship', 'exchange'], {
        zh: '补发或换货，不让顾客多花一分钱',
        en: 'Reship or exchange at no cost to the buyer',
      }),
      {
        key: 'warehouse_check',
        action: 'internal_note',
        title: { zh: '通知仓库核查拣货', en: 'Ask the warehouse to check the picking' },
      },
      satisfaction,
    ],
  },
  {
    category: 'logistics_delay',
    name: { zh: '物流延误', en: 'Logistics delay' },
    steps: [
      {
        ...apologise,
        title: { zh: '致歉，说明正在帮查物流', en: 'Apologise and say you are checking the parcel' },
      },
      checkTracking,
      updateBuyer,
      offer(['coupon', 'reship'], {
        zh: '延误严重或丢件：送券或补发',
        en: 'Long delay or lost parcel: coupon or reship',
      }),
    ],
  },
  {
    category: 'service_attitude',
    name: { zh: '服务态度', en: 'Service attitude' },
    steps: [
      apologise,
      offer(['gift', 'coupon'], {
        zh: '送小礼品或优惠券致歉',
        en: 'A small gift or a discount as an apology',
      }),
      {
        key: 'coaching',
        action: 'internal_note',
        title: {
          zh: '写内部辅导记录，和当班客服复盘',
          en: 'Write an internal coaching note and review with the agent',
        },
        templateKey: 'coaching_note',
      },
      satisfaction,
    ],
  },
  {
    category: 'slow_response',
    name: { zh: '回复慢', en: 'Slow response' },
    steps: [
      {
        ...apologise,
        title: {
          zh: '为让顾客久等致歉，马上处理原问题',
          en: 'Apologise for the wait and solve the original question now',
        },
      },
      {
        key: 'progress',
        action: 'reply',
        title: { zh: '给出明确的答复时间', en: 'Give a clear time for the answer' },
        templateKey: 'progress_update',
      },
      offer(['apology_only', 'coupon'], {
        zh: '诚恳说明，必要时送券',
        en: 'A sincere explanation, a coupon if warranted',
      }),
    ],
  },
  {
    category: 'refund_dispute',
    name: { zh: '退款争议', en: 'Refund dispute' },
    steps: [
      apologise,
      {
        key: 'check_refund',
        action: 'check_tracking',
        title: { zh: '核对退款/退货记录与物流', en: 'Check the refund and return records and tracking' },
        statuses: OPEN_EARLY,
      },
      {
        key: 'progress',
        action: 'reply',
        title: {
          zh: '告诉顾客核对结果和到账时间',
          en: 'Tell the buyer what you found and when the money arrives',
        },
        templateKey: 'progress_update',
      },
      offer(['refund', 'partial_refund'], { zh: '该退的及时退', en: 'Refund what is owed, promptly' }),
    ],
  },
  {
    category: 'counterfeit_suspected',
    name: { zh: '疑似假货', en: 'Suspected counterfeit' },
    steps: [
      apologise,
      {
        ...askEvidence,
        title: {
          zh: '请顾客提供商品、标签、防伪码的照片',
          en: 'Ask for photos of the item, its label and anti-counterfeit code',
        },
      },
      {
        key: 'supplier_docs',
        action: 'internal_note',
        title: {
          zh: '调取进货凭证/授权书，查看风险敞口（消法55条）',
          en: 'Pull purchase records and brand authorisation; see the exposure (CPL art. 55)',
        },
      },
      offer(['return_and_refund', 'refund'], {
        zh: '退货退款；赔偿金额须主管审批',
        en: 'Return and refund; any compensation needs supervisor approval',
      }),
    ],
  },
  {
    category: 'safety_hazard',
    name: { zh: '安全隐患', en: 'Safety hazard' },
    steps: [
      apologise,
      {
        ...askEvidence,
        title: {
          zh: '请顾客停止使用，提供照片/视频和批次号',
          en: 'Ask the buyer to stop using it; get photos/video and the batch number',
        },
      },
      {
        key: 'escalate',
        action: 'internal_note',
        title: {
          zh: '上报主管，评估是否召回，查看风险敞口（食安法148条）',
          en: 'Escalate to a supervisor, assess a recall; see the exposure (Food Safety Law art. 148)',
        },
      },
      offer(['refund', 'return_and_refund'], {
        zh: '退款；赔偿须主管审批',
        en: 'Refund; any compensation needs supervisor approval',
      }),
      satisfaction,
    ],
  },
  {
    category: 'price_dispute',
    name: { zh: '价格争议/价保', en: 'Price dispute / price protection' },
    steps: [
      apologise,
      {
        key: 'check_price',
        action: 'check_tracking',
        title: {
          zh: '核对下单价与现价、价保期（见风险敞口）',
          en: 'Compare the price paid with today’s and the protection window (see exposure)',
        },
        statuses: OPEN_EARLY,
      },
      offer(['partial_refund', 'coupon'], {
        zh: '价保期内退差价',
        en: 'Refund the difference within the protection window',
      }),
    ],
  },
  {
    category: 'privacy_concern',
    name: { zh: '隐私顾虑', en: 'Privacy concern' },
    steps: [
      apologise,
      {
        key: 'privacy_check',
        action: 'internal_note',
        title: {
          zh: '核查信息使用/泄露情况，上报主管',
          en: 'Check how the data was used or leaked; escalate',
        },
      },
      {
        key: 'progress',
        action: 'reply',
        title: { zh: '告诉顾客已采取的措施', en: 'Tell the buyer what has been done' },
        templateKey: 'progress_update',
      },
      offer(['apology_only', 'coupon'], {
        zh: '诚恳致歉，必要时补偿',
        en: 'A sincere apology, compensation if warranted',
      }),
    ],
  },
  {
    category: 'other',
    name: { zh: '其他', en: 'Other' },
    steps: [
      apologise,
      {
        key: 'understand',
        action: 'reply',
        title: {
          zh: '问清楚发生了什么、顾客希望怎么处理',
          en: 'Ask what happened and what the buyer would like',
        },
        templateKey: 'progress_update',
      },
      offer(['apology_only', 'coupon', 'partial_refund'], {
        zh: '提出合适的方案',
        en: 'Offer a fitting remedy',
      }),
      satisfaction,
    ],
  },
];
