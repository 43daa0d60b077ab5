import type { DisputeForum, DisputeOutcome, DisputeType } from '../db/schema/disputes.js';
import type { EvidenceKind } from '../db/schema/evidence.js';

export type Locale = 'zh-CN' | 'en';

/** Words of the bundle summary (PDF); the console has its own i18n files with the same terms. */
export const TYPE_LABELS: Record<DisputeType, [string, string]> = {
  quality: ['质量问题', 'Quality'],
  not_received: ['未收到货', 'Not received'],
  not_as_described: ['描述不符', 'Not as described'],
  counterfeit: ['假货投诉', 'Counterfeit claim'],
  refund: ['退款纠纷', 'Refund'],
  regulator_12315: ['12315 投诉', '12315 complaint'],
  chargeback: ['拒付', 'Chargeback'],
  other: ['其他', 'Other'],
};

export const FORUM_LABELS: Record<DisputeForum, [string, string]> = {
  pinduoduo: ['拼多多平台介入', 'Pinduoduo platform intervention'],
  douyin: ['抖店客服介入', 'Douyin customer-service intervention'],
  tiktok: ['TikTok Shop 纠纷', 'TikTok Shop dispute'],
  taobao: ['淘宝小二介入', 'Taobao intervention'],
  regulator_12315: ['12315 平台', '12315 (market regulator)'],
  consumer_association: ['消费者协会', 'Consumer association'],
  card_network: ['卡组织拒付', 'Card network chargeback'],
  other: ['其他', 'Other'],
};

export const KIND_LABELS: Record<EvidenceKind, [string, string]> = {
  photo: ['照片', 'Photo'],
  video: ['视频', 'Video'],
  audio: ['录音', 'Recording'],
  chat_record: ['聊天记录', 'Chat record'],
  chat_screenshot: ['聊天截图', 'Chat screenshot'],
  order_record: ['订单记录', 'Order record'],
  certificate: ['证书', 'Certificate'],
  inspection_report: ['检测报告', 'Inspection report'],
  logistics_proof: ['物流签收凭证', 'Tracking with signature'],
  invoice: ['购货发票', 'Purchase invoice'],
  authorisation_letter: ['品牌授权书', 'Authorisation letter'],
  listing_snapshot: ['商品页快照', 'Listing snapshot'],
  document: ['文件', 'Document'],
  other: ['其他', 'Other'],
};

export const OUTCOME_LABELS: Record<DisputeOutcome, [string, string]> = {
  won: ['胜诉', 'Won'],
  lost: ['败诉', 'Lost'],
  partial: ['部分支持', 'Partly upheld'],
  withdrawn: ['已撤回', 'Withdrawn'],
};

export const pick = (pair: [string, string], locale: Locale) => (locale === 'zh-CN' ? pair[0] : pair[1]);

export const SUMMARY_TEXT = {
  title: ['争议证据包摘要', 'Dispute bundle summary'],
  dispute: ['争议', 'Dispute'],
  type: ['类型', 'Type'],
  forum: ['受理方', 'Forum'],
  reference: ['平台单号', 'Platform reference'],
  reason: ['原因', 'Reason'],
  opened: ['发起时间', 'Opened'],
  atStake: ['涉及金额', 'Amount at stake'],
  status: ['状态', 'Status'],
  claim: ['买家诉求', "The buyer's claim"],
  position: ['我方说明', 'Our position'],
  deadlines: ['期限', 'Deadlines'],
  evidenceDueAt: ['举证截止', 'Evidence due'],
  responseDueAt: ['答复截止', 'Response due'],
  acceptanceDueAt: ['受理决定期限', 'Acceptance decision by'],
  mediationEndsAt: ['调解期满', 'Mediation ends'],
  timeline: ['经过', 'Timeline'],
  exhibits: ['证据目录', 'Index of exhibits'],
  missing: ['尚缺的必要证据', 'Required exhibits still missing'],
  none: ['无', 'None'],
  complete: ['必要证据齐全', 'All required exhibits are present'],
  manifest: [
    '每份证据的 SHA-256 与保管记录见 manifest.json。',
    'SHA-256 hashes and custody entries of every exhibit are in manifest.json.',
  ],
  empty: ['（未填写）', '(not given)'],
} satisfies Record<string, [string, string]>;

const ZONE = 'Asia/Shanghai';

/** A time as the shop reads it (Beijing time), the same in every run. */
export function formatTime(at: Date, locale: Locale): string {
  const s = new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);
  return locale === 'zh-CN' ? `${s}（北京时间）` : `${s} (Beijing time)`;
}

export function formatFen(fen: number, currency = 'CNY'): string {
  const yuan = (fen / 100).toFixed(2);
  return currency === 'CNY' ? `¥${yuan}` : `${yuan} ${currency}`;
}
