import type { Remedy } from './offer-rules.js';

export const TEMPLATE_MOMENTS = [
  'first_apology',
  'ask_evidence',
  'offer',
  'return_instructions',
  'exchange_shipped',
  'refund_sent',
  'progress_update',
  'tracking_update',
  'closing',
  'satisfaction_check',
  'internal_note',
  'custom',
] as const;
export type TemplateMoment = (typeof TEMPLATE_MOMENTS)[number];

export type DefaultTemplate = {
  key: string;
  moment: TemplateMoment;
  remedy?: Remedy;
  name: { 'zh-CN': string; en: string };
  body: { 'zh-CN': string; en: string };
};

// Written the way a good customer-service lead talks to a buyer: own the problem, say what
// happens next and when, never promise what the shop has not approved (amounts and dates
// come from the approved offer and the task due times).
export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    key: 'first_apology',
    moment: 'first_apology',
    name: { 'zh-CN': '首次致歉', en: 'First apology' },
    body: {
      'zh-CN':
        '{customer_name}您好，我是{shop_name}的售后客服{agent_name}。看到您的反馈，真的很抱歉，这次让您不愉快了，给您添麻烦了。订单{order_id}的问题我已经接手，会一直跟进到给您处理好为止，您放心。',
      en: 'Hello {customer_name}, this is {agent_name} from {shop_name} customer care. I’m truly sorry about what happened with your order {order_id} — that’s not the experience we want you to have. I’ve taken over your case personally and will stay with it until it’s put right.',
    },
  },
  {
    key: 'ask_evidence',
    moment: 'ask_evidence',
    name: { 'zh-CN': '请顾客提供凭证', en: 'Ask for photos or video' },
    body: {
      'zh-CN':
        '为了尽快帮您处理，麻烦您拍几张照片或一段短视频发给我们：\n1. 商品有问题的地方（近一点拍，能看清问题就行）；\n2. 外包装和快递箱的整体情况；\n3. 快递面单（能看清单号即可，姓名电话可以遮住）。\n收到后我会马上核实，尽快给您一个处理方案。辛苦您了，谢谢！',
      en: 'So we can sort this out for you quickly, could you send us a few photos or a short video of:\n1. the problem on the item (a close-up is perfect);\n2. the outer packaging and the shipping box;\n3. the shipping label (the tracking number is all we need — feel free to cover your name and phone).\nAs soon as they arrive I’ll check them and come back to you with a solution. Thank you for your help.',
    },
  },
  {
    key: 'offer_refund',
    moment: 'offer',
    remedy: 'refund',
    name: { 'zh-CN': '方案：退款', en: 'Offer: refund' },
    body: {
      'zh-CN':
        '{customer_name}您好，核实过了，这次确实是我们的问题，非常抱歉。我们为您申请退款{refund_amount}，商品不用寄回。您同意的话我这边马上提交，退款会按平台流程原路退回。',
      en: 'Hello {customer_name}, we’ve checked and this one is on us — I’m sorry. We’d like to refund you {refund_amount}, and there’s no need to send the item back. If that works for you, I’ll submit it right away and the money will go back to your original payment method through the platform.',
    },
  },
  {
    key: 'offer_return_and_refund',
    moment: 'offer',
    remedy: 'return_and_refund',
    name: {
      'zh-CN': '方案：退货退款（运费我们承担）',
      en: 'Offer: return and refund (we pay return shipping)',
    },
    body: {
      'zh-CN':
        '{customer_name}您好，给您添麻烦了，非常抱歉。我们为您办理退货退款：寄回的运费由我们承担，收到退货后为您退款{refund_amount}。您同意的话，我马上把退货地址和寄回方式发给您。',
      en: 'Hello {customer_name}, I’m sorry for the trouble. We’d like to offer you a return and refund: we’ll cover the return shipping, and once the parcel is back with us we’ll refund you {refund_amount}. If you agree, I’ll send you the return address and how to ship it straight away.',
    },
  },
  {
    key: 'offer_exchange',
    moment: 'offer',
    remedy: 'exchange',
    name: { 'zh-CN': '方案：换货（运费我们承担）', en: 'Offer: exchange (we pay shipping)' },
    body: {
      'zh-CN':
        '{customer_name}您好，核实过了，确实是商品的问题，真的很抱歉。我们给您换一件新的{sku_name}：寄回的运费由我们承担，新的商品我们会尽快安排发出，发货后第一时间把快递单号告诉您。您看这样可以吗？',
      en: 'Hello {customer_name}, we’ve checked and the item really is faulty — I’m very sorry. We’d like to send you a new {sku_name}: we’ll cover the return shipping, and we’ll dispatch the replacement as soon as we can and send you the tracking number the moment it ships. Would that work for you?',
    },
  },
  {
    key: 'offer_exchange_with_coupon',
    moment: 'offer',
    remedy: 'exchange',
    name: { 'zh-CN': '方案：换货 + 优惠券', en: 'Offer: exchange plus a coupon' },
    body: {
      'zh-CN':
        '{customer_name}您好，核实过了，确实是商品的问题，真的很抱歉。我们给您换一件新的{sku_name}，寄回的运费由我们承担；另外给您送一张{coupon_amount}的优惠券，算是我们的一点心意。新的商品发出后，我会第一时间把快递单号发给您。您看这样可以吗？',
      en: 'Hello {customer_name}, we’ve checked and the item really is faulty — I’m very sorry. We’d like to send you a new {sku_name} and cover the return shipping, and we’d also like you to have a {coupon_amount} coupon as a small apology. I’ll send you the tracking number as soon as the replacement ships. Would that work for you?',
    },
  },
  {
    key: 'offer_reship',
    moment: 'offer',
    remedy: 'reship',
    name: { 'zh-CN': '方案：补发', en: 'Offer: reship' },
    body: {
      'zh-CN':
        '{customer_name}您好，这次的包裹让您失望了，真的很抱歉。我们为您补发{sku_name}，不需要您寄回任何东西。发出后我会把快递单号发给您，您留意查收就好。',
      en: 'Hello {customer_name}, I’m really sorry about this. We’ll send you {sku_name} again — there’s nothing you need to send back. I’ll share the tracking number as soon as it ships.',
    },
  },
  {
    key: 'offer_partial_refund',
    moment: 'offer',
    remedy: 'partial_refund',
    name: { 'zh-CN': '方案：部分退款', en: 'Offer: partial refund' },
    body: {
      'zh-CN':
        '{customer_name}您好，给您带来不好的体验，非常抱歉。如果商品您还愿意留着用，我们为您申请部分退款{refund_amount}作为补偿，商品不用寄回。如果您更希望退货或换货，也可以直接告诉我，我们按您方便的来。',
      en: 'Hello {customer_name}, I’m sorry this wasn’t what you expected. If you’d like to keep the item, we can refund you {refund_amount} as compensation, with no need to send anything back. If you’d rather return or exchange it, just tell me and we’ll do whatever suits you best.',
    },
  },
  {
    key: 'offer_coupon',
    moment: 'offer',
    remedy: 'coupon',
    name: { 'zh-CN': '方案：优惠券补偿', en: 'Offer: coupon' },
    body: {
      'zh-CN':
        '{customer_name}您好，这次让您不愉快了，真的很抱歉。我们给您送一张{coupon_amount}的优惠券，一点心意，希望您能再给我们一次机会。券发到账户后我会告诉您。',
      en: 'Hello {customer_name}, I’m sorry we let you down this time. We’d like to give you a {coupon_amount} coupon as a small apology, and we hope you’ll give us another chance. I’ll let you know once it’s in your account.',
    },
  },
  {
    key: 'offer_gift',
    moment: 'offer',
    remedy: 'gift',
    name: { 'zh-CN': '方案：小礼品致歉', en: 'Offer: small gift' },
    body: {
      'zh-CN':
        '{customer_name}您好，这次的服务没让您满意，是我们做得不好，向您郑重道歉。我们准备了一份小礼物寄给您，发出后我会告诉您快递单号。也谢谢您直接告诉我们，我们会改进。',
      en: 'Hello {customer_name}, our service fell short this time and I sincerely apologise. We’ve put together a small gift for you and I’ll send you the tracking number once it’s on its way. Thank you for telling us directly — it helps us do better.',
    },
  },
  {
    key: 'offer_statutory_compensation',
    moment: 'offer',
    remedy: 'statutory_compensation',
    name: { 'zh-CN': '方案：法定赔偿', en: 'Offer: statutory compensation' },
    body: {
      'zh-CN':
        '{customer_name}您好，经核实，这次的问题依法应当赔偿。我们按规定为您办理退款并支付赔偿金{refund_amount}，赔偿金会在审核后一个工作日内支付给您，付款后我会告诉您。给您带来的困扰，非常抱歉。',
      en: 'Hello {customer_name}, we’ve checked and the law entitles you to compensation for this. We will refund you and pay compensation of {refund_amount}; it is paid within one working day of approval, and I’ll let you know once it’s sent. I’m sorry for the trouble this caused.',
    },
  },
  {
    key: 'offer_apology_only',
    moment: 'offer',
    remedy: 'apology_only',
    name: { 'zh-CN': '诚恳致歉与说明', en: 'Sincere apology and explanation' },
    body: {
      'zh-CN':
        '{customer_name}您好，非常感谢您花时间告诉我们这件事，给您带来的不便我们真的很抱歉。我们已经把问题反馈给相关同事，会认真改进。之后您有任何需要，随时找我。',
      en: 'Hello {customer_name}, thank you for taking the time to tell us about this, and I’m truly sorry for the inconvenience. I’ve passed it on to the team responsible and we’ll make sure it’s improved. If there’s anything else you need, I’m here.',
    },
  },
  {
    key: 'return_instructions',
    moment: 'return_instructions',
    name: { 'zh-CN': '退货说明', en: 'Return instructions' },
    body: {
      'zh-CN':
        '{customer_name}您好，退货申请已经为您通过了，寄回的运费由我们承担。麻烦您按平台页面上的退货地址寄回，并在订单里填写退货快递单号。我们收到后会第一时间处理，有进展我会告诉您。',
      en: 'Hello {customer_name}, your return has been approved and we’ll cover the return shipping. Please send the parcel to the return address shown on the platform and enter the tracking number in your order. We’ll handle it as soon as it arrives and I’ll keep you posted.',
    },
  },
  {
    key: 'exchange_shipped',
    moment: 'exchange_shipped',
    name: { 'zh-CN': '换货已发出（附单号）', en: 'Replacement shipped (with tracking)' },
    body: {
      'zh-CN':
        '{customer_name}您好，给您换的{sku_name}已经发出了，{carrier}快递单号：{tracking_no}。您可以随时查看物流，收到后麻烦先检查一下，有任何问题直接找我。',
      en: 'Hello {customer_name}, your replacement {sku_name} is on its way with {carrier}, tracking number {tracking_no}. You can follow it any time; when it arrives, please give it a quick check and tell me straight away if anything isn’t right.',
    },
  },
  {
    key: 'refund_sent',
    moment: 'refund_sent',
    name: { 'zh-CN': '退款已提交', en: 'Refund submitted' },
    body: {
      'zh-CN':
        '{customer_name}您好，{refund_amount}的退款已经为您提交了，会按平台流程原路退回，到账时间以平台和支付渠道为准。如果一直没收到，随时告诉我，我帮您查。',
      en: 'Hello {customer_name}, your refund of {refund_amount} has been submitted and will go back to your original payment method; timing depends on the platform and your payment provider. If it doesn’t show up, just let me know and I’ll look into it.',
    },
  },
  {
    key: 'progress_update',
    moment: 'progress_update',
    name: { 'zh-CN': '进度更新', en: 'Progress update' },
    body: {
      'zh-CN':
        '{customer_name}您好，跟您同步一下进度：您的问题我们还在处理中，预计{due_by}前给您答复。让您久等了，有新消息我会第一时间告诉您。',
      en: 'Hello {customer_name}, a quick update: we’re still working on your case and expect to get back to you by {due_by}. Thank you for your patience — I’ll tell you the moment there’s news.',
    },
  },
  {
    key: 'tracking_update',
    moment: 'tracking_update',
    name: { 'zh-CN': '物流进度', en: 'Delivery update' },
    body: {
      'zh-CN':
        '{customer_name}您好，我刚帮您查了物流：{carrier}单号{tracking_no}，包裹还在运输途中。让您等久了，真的抱歉。我会继续帮您盯着，有异常我会马上联系快递并告诉您。',
      en: 'Hello {customer_name}, I’ve just checked your parcel: {carrier}, tracking number {tracking_no}, is still in transit. I’m sorry for the wait. I’ll keep an eye on it and contact the carrier right away if anything looks wrong.',
    },
  },
  {
    key: 'closing',
    moment: 'closing',
    name: { 'zh-CN': '结案', en: 'Closing' },
    body: {
      'zh-CN':
        '{customer_name}您好，这次的问题已经为您处理好了。再次为给您带来的不便说声抱歉，也谢谢您的耐心和理解。之后有任何需要，随时找我们。',
      en: 'Hello {customer_name}, your case is now resolved. I’m sorry again for the trouble, and thank you for your patience. If you ever need anything, we’re here.',
    },
  },
  {
    key: 'satisfaction_check',
    moment: 'satisfaction_check',
    name: { 'zh-CN': '满意度回访', en: 'Satisfaction check' },
    body: {
      'zh-CN':
        '{customer_name}您好，我是{shop_name}的{agent_name}。想跟您确认一下，这次的问题处理得您还满意吗？商品用着还好吗？如果还有哪里不满意，直接回复我就行，我继续帮您跟进。',
      en: 'Hello {customer_name}, this is {agent_name} from {shop_name}. I wanted to check: are you happy with how we resolved your case, and is everything working well now? If anything still isn’t right, just reply here and I’ll take care of it.',
    },
  },
  {
    key: 'coaching_note',
    moment: 'internal_note',
    name: { 'zh-CN': '内部辅导记录', en: 'Internal coaching note' },
    body: {
      'zh-CN':
        '【内部记录，不发给顾客】工单{ticket_no}：顾客反馈服务态度问题。已致歉并补偿。待与当班客服复盘：哪句话让顾客不舒服、本应如何回应、后续如何避免。',
      en: '[Internal — not sent to the buyer] Case {ticket_no}: the buyer complained about our service attitude. Apologised and compensated. To review with the agent on shift: what upset the buyer, how it should have been answered, how to avoid it next time.',
    },
  },
];

/** The template that offers a remedy, for the offer panel. */
export const OFFER_TEMPLATE: Record<Remedy, string> = {
  refund: 'offer_refund',
  return_and_refund: 'offer_return_and_refund',
  exchange: 'offer_exchange',
  reship: 'offer_reship',
  partial_refund: 'offer_partial_refund',
  coupon: 'offer_coupon',
  gift: 'offer_gift',
  statutory_compensation: 'offer_statutory_compensation',
  apology_only: 'offer_apology_only',
};

/** The automatic message after a case closes. */
export const SURVEY_AFTER_CLOSE: Record<'zh-CN' | 'en', string> = {
  'zh-CN':
    '{customer_name}您好，您的问题已处理完毕，感谢您的耐心。想请您花几秒钟给这次服务打个分（1-5分，直接回复数字即可），有什么意见也欢迎告诉我们，我们会认真看每一条。',
  en: 'Hello {customer_name}, your case is now closed — thank you for your patience. Could you take a moment to rate our service from 1 to 5 (just reply with a number)? Any comments are welcome too; we read every one.',
};
