import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AfterSaleStage, Platform, PushRequest, TicketEvent, TicketEventKind } from './channel.js';
import { parseJsonLossless } from './json.js';

/** One header value (first of repeated ones). */
export function header(request: PushRequest, name: string): string | undefined {
  const v = request.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseBody(raw: Buffer | string): JsonResult {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (!text.trim()) return { ok: false, reason: 'empty body' };
  try {
    return { ok: true, value: parseJsonLossless(text) };
  } catch {
    return { ok: false, reason: 'the body is not valid JSON' };
  }
}

/** A JSON string field that holds JSON (Douyin data, PDD/TMC content); objects are accepted as-is. */
export function parseInner(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const r = parseBody(value);
  return r.ok ? r.value : undefined;
}

export const digest = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/** First zod issue as a short reason. */
export function zodReason(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid payload';
}

/** Unix seconds, unix ms or a date string → Date; anything else → null. */
export function toDate(v: unknown): Date | null {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
    const d = new Date(v > 1e12 ? v : v * 1000);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (typeof v === 'string' && v.trim()) {
    if (/^\d{9,13}$/.test(v)) return toDate(Number(v));
    // Platform times without a zone are Beijing time.
    const s = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v.replace(' ', 'T')}+08:00` : v;
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** "100.00" yuan → 10000 fen, exactly (no floating point). */
export function yuanToFen(v: unknown): number | null {
  const s = typeof v === 'number' ? v.toFixed(2) : typeof v === 'string' ? v.trim() : '';
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

export function toFen(v: unknown, unit: 'fen' | 'yuan'): number | null {
  if (unit === 'yuan') return yuanToFen(v);
  const n = typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}

export const formatYuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export function baseEvent(platform: Platform, eventType: string, kind: TicketEventKind): TicketEvent {
  return {
    kind,
    platform,
    eventType,
    caseRef: null,
    orderRef: null,
    stage: null,
    afterSaleType: null,
    amountFen: null,
    rating: null,
    buyer: null,
    text: '',
    occurredAt: null,
  };
}

export function unknownEvent(platform: Platform, eventType: string, why = 'unknown event type'): TicketEvent {
  return { ...baseEvent(platform, eventType, 'unknown'), text: why };
}

export const STAGE_TEXT: Record<AfterSaleStage, string> = {
  opened: '买家发起售后',
  modified: '售后申请有更新',
  refused: '售后申请被拒绝',
  agreed: '商家已同意',
  buyer_returned: '买家已寄回商品',
  arbitration: '平台介入仲裁',
  refunded: '退款成功',
  closed: '售后已关闭',
};

export const AFTER_SALE_TYPE_TEXT: Record<string, string> = {
  return_refund: '退货退款',
  refund_only: '仅退款',
  refund_before_shipment: '发货前退款',
  exchange: '换货',
  system_cancel: '系统取消',
  user_cancel: '用户取消',
  price_protection: '价保',
  resend: '补寄',
  repair: '维修',
  cancellation: '取消订单',
};

/** The thread line for an after-sale event: stage, type, amount, reason. */
export function afterSaleText(e: TicketEvent, extra: (string | null | undefined)[] = []): string {
  const parts = [e.stage ? STAGE_TEXT[e.stage] : e.eventType];
  if (e.afterSaleType) parts.push(`（${AFTER_SALE_TYPE_TEXT[e.afterSaleType] ?? e.afterSaleType}）`);
  const tail: string[] = [];
  if (e.amountFen !== null) tail.push(`金额 ${formatYuan(e.amountFen)}`);
  for (const x of extra) if (x) tail.push(x);
  return tail.length ? `${parts.join('')}，${tail.join('，')}` : parts.join('');
}

/** Settings read with a default (shop settings are free-form JSON). */
export function setting<T extends string>(
  settings: Record<string, unknown> | undefined,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = settings?.[key];
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}
