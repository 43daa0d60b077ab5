import type { TFunction } from 'i18next';

/**
 * Who wrote or did something, in the reader's language. The server stores the name of its own jobs
 * as it was when the row was written ("system", "sla escalation", "Aftercare 自动回复", a platform's
 * Chinese label…); history rows are never rewritten, so the stored name is read here as a stable key
 * and translated at display. A person's name (and anything not listed) is shown as it is.
 */
const STORED: Record<string, string> = {
  system: 'system',
  sla_escalation: 'sla_escalation',
  sla: 'sla_escalation',
  blocklist_expiry: 'blocklist_expiry',
  token_refresher: 'token_refresher',
  recall_auto_reply: 'recall_auto_reply',
  retention: 'retention',
  personal_data_backfill: 'personal_data_backfill',
  care: 'care',
  aftercare: 'aftercare',
  aftercare_自动回复: 'auto_ack',
  智能助手: 'assistant',
  召回提醒计划: 'recall_reminders',
  customer: 'customer',
  buyer: 'customer',
};

/** Platforms: older rows stored the code, newer ones the Chinese label (src/channels/<p>/adapter.ts). */
const PLATFORMS: Record<string, string> = {
  douyin: 'douyin',
  抖店: 'douyin',
  douyin_shop: 'douyin',
  pinduoduo: 'pinduoduo',
  拼多多: 'pinduoduo',
  tiktok: 'tiktok',
  tiktok_shop: 'tiktok',
  taobao: 'taobao',
  '淘宝/天猫': 'taobao',
  'taobao/tmall': 'taobao',
};

const keyOf = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replaceAll(/[\s-]+/g, '_');

/**
 * `type` is the stored actor or author type: a `user` is always shown by their own name (a person may
 * well be called "System"); a buyer without a name reads 买家 / Buyer.
 */
export function actorName(name: string, type: string, t: TFunction): string {
  if (type === 'user') return name;
  const key = keyOf(name);
  if (!key) return type === 'customer' ? t('common:actor.customer') : name;
  const platform = PLATFORMS[key];
  if (platform) return t(`common:platform.${platform}`);
  const known = STORED[key];
  return known ? t(`common:actor.${known}`) : name;
}
