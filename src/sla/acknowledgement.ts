import { DateTime } from 'luxon';

export type BuyerLocale = 'zh-CN' | 'en';

export const buyerLocale = (locale: string | null | undefined): BuyerLocale =>
  locale?.toLowerCase().startsWith('zh') || !locale ? 'zh-CN' : 'en';

// A batch of acknowledgements mostly shares one due time: format it once.
const formatted = new Map<string, string>();

/** "今天 14:30", "明天 09:00", "3月16日 09:00" / "today at 14:30"… in the shop's time zone. */
export function formatDue(dueAt: Date, now: Date, zone: string, locale: BuyerLocale): string {
  const key = `${dueAt.getTime()}|${Math.floor(now.getTime() / 60_000)}|${zone}|${locale}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = formatDueNow(dueAt, now, zone, locale);
    if (formatted.size > 1000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

function formatDueNow(dueAt: Date, now: Date, zone: string, locale: BuyerLocale): string {
  const due = DateTime.fromJSDate(dueAt, { zone });
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const days = Math.round(due.startOf('day').diff(today, 'days').days);
  const time = due.toFormat('HH:mm');
  if (locale === 'zh-CN') {
    if (days === 0) return `今天 ${time}`;
    if (days === 1) return `明天 ${time}`;
    return `${due.month}月${due.day}日 ${time}`;
  }
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return `${due.setLocale('en').toFormat('d LLL')} at ${time}`;
}

const zoneLabel = (zone: string, locale: BuyerLocale) =>
  zone === 'Asia/Shanghai' ? (locale === 'zh-CN' ? '北京时间' : 'Beijing time') : zone;

/** The automatic acknowledgement: received, and when a person will answer. */
export function acknowledgementText(
  locale: BuyerLocale,
  dueAt: Date | null,
  now: Date,
  zone: string,
): string {
  if (locale === 'zh-CN') {
    const when = dueAt
      ? `客服将在${formatDue(dueAt, now, zone, locale)}（${zoneLabel(zone, locale)}）前回复您`
      : '客服会尽快回复您';
    return `您好，您的消息我们已收到，${when}。如有照片或视频，可以直接发给我们，谢谢您的耐心！`;
  }
  const when = dueAt
    ? `a member of our team will reply by ${formatDue(dueAt, now, zone, locale)} (${zoneLabel(zone, locale)})`
    : 'a member of our team will reply as soon as possible';
  return `Hello, we have received your message and ${when}. If you have photos or a video, feel free to send them here. Thank you for your patience!`;
}

export const WAIT_REASONS = ['warehouse', 'supplier', 'logistics', 'platform', 'other'] as const;
export type WaitReason = (typeof WAIT_REASONS)[number];

const REASON_ZH: Record<WaitReason, string> = {
  warehouse: '与仓库核实',
  supplier: '与供应商确认',
  logistics: '与物流公司核实',
  platform: '等待平台处理结果',
  other: '进一步核实情况',
};
const REASON_EN: Record<WaitReason, string> = {
  warehouse: 'check with our warehouse',
  supplier: 'confirm with the supplier',
  logistics: 'check with the courier',
  platform: 'wait for the platform',
  other: 'look into this further',
};

/** The expected-wait notice: why it takes longer and by when the buyer will hear from us. */
export function expectedWaitText(
  locale: BuyerLocale,
  reason: WaitReason,
  until: Date,
  now: Date,
  zone: string,
): string {
  const when = formatDue(until, now, zone, locale);
  if (locale === 'zh-CN') {
    return `您好，您的问题我们需要${REASON_ZH[reason]}，最晚将于${when}（${zoneLabel(zone, locale)}）前给您答复，给您带来不便非常抱歉。`;
  }
  return `Hello, we need to ${REASON_EN[reason]}; you will hear from us by ${when} (${zoneLabel(zone, locale)}). We are sorry for the wait.`;
}
