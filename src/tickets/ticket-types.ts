/** The case taxonomy: the one place that names kinds, channels, statuses, categories, severities and root causes. */
export const TICKET_KINDS = [
  'complaint',
  'negative_review',
  'inquiry',
  'return_request',
  'platform_dispute',
  'recall_inquiry',
  'platform_notice',
] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export const TICKET_CHANNELS = [
  'live_chat',
  'platform_message',
  'review',
  'after_sales',
  'email',
  'hotline',
  'wechat',
  'weibo',
  'platform_notice',
] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_STATUSES = [
  'new',
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'resolution_proposed',
  'resolving',
  'follow_up',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const SEVERITIES = ['low', 'normal', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_RANK: Record<Severity, number> = { low: 0, normal: 1, high: 2, critical: 3 };
export const maxSeverity = (a: Severity, b: Severity): Severity =>
  SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;

export const ROOT_CAUSES = [
  'supplier_defect',
  'manufacturing',
  'transit_damage',
  'listing_mismatch',
  'warehouse_error',
  'service_process',
  'customer_misuse',
  'unfounded',
  'other',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound', 'note'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * manual: the platform has no API for it — a person pastes it in the platform's back office;
 * sent_by_hand: a person said they did (audited) — the platform never confirmed it.
 */
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'manual', 'sent_by_hand'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const COMPLAINT_CATEGORIES = [
  'quality_defect',
  'damaged_in_transit',
  'not_as_described',
  'wrong_or_missing_item',
  'logistics_delay',
  'service_attitude',
  'slow_response',
  'refund_dispute',
  'counterfeit_suspected',
  'safety_hazard',
  'price_dispute',
  'privacy_concern',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
