import type { z } from 'zod';
import type { DeliveryCategory } from '../delivery-error.js';
import type { FakeVerdict } from './types.js';

/** How far a request's timestamp may be from the fake's clock (TOP documents 10 minutes). */
export const MAX_SKEW_MS = 10 * 60_000;

export const refusal = (category: DeliveryCategory, detail: string, api?: string): FakeVerdict => ({
  ok: false,
  category,
  detail,
  ...(api ? { api } : {}),
});

/** "yyyy-MM-dd HH:mm:ss" in Beijing time → ms, or null when it is not that shape. */
export function beijingMs(v: string | undefined): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(v ?? '');
  if (!m) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 8 * 3600_000;
  return Number.isNaN(ms) ? null : ms;
}

/** Unix seconds → ms, or null. */
export function secondsMs(v: string | undefined): number | null {
  return v && /^\d{9,11}$/.test(v) ? Number(v) * 1000 : null;
}

export const withinSkew = (ms: number | null, nowMs: number) =>
  ms !== null && Math.abs(nowMs - ms) <= MAX_SKEW_MS;

/** The first zod issue, as the platforms word a parameter error. */
export function paramIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue
    ? `invalid parameter ${issue.path.join('.') || '(body)'}: ${issue.message}`
    : 'invalid parameter';
}

/** Checks business parameters against a zod schema. */
export function checkParams(
  schema: z.ZodType,
  params: unknown,
): { ok: true; value: Record<string, unknown> } | { ok: false; detail: string } {
  const r = schema.safeParse(params);
  return r.success
    ? { ok: true, value: r.data as Record<string, unknown> }
    : { ok: false, detail: paramIssue(r.error) };
}

/** A JSON text as an object, or null. */
export function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const isForm = (contentType: string | undefined) =>
  /^application\/x-www-form-urlencoded/i.test(contentType ?? '');
export const isJson = (contentType: string | undefined) => /^application\/json/i.test(contentType ?? '');
