/** The variables a reply template may use; anything else is refused when the template is saved. */
export const TEMPLATE_VARIABLES = [
  'customer_name',
  'order_id',
  'sku_name',
  'tracking_no',
  'carrier',
  'coupon_amount',
  'refund_amount',
  'amount',
  'due_by',
  'shop_name',
  'agent_name',
  'ticket_no',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

const KNOWN: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES);
// `{name}`: letters, digits and underscores; a lone brace in prose is left alone.
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function unknownVariables(body: string): string[] {
  return templateVariables(body).filter((v) => !KNOWN.has(v));
}

/** Fills the placeholders it has values for; the others stay visible and are listed as missing. */
export function renderTemplate(body: string, values: TemplateValues): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = body.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name as TemplateVariable];
    if (value === undefined || value === '') {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text, missing: [...missing] };
}

/** Money in a buyer's message: "10元" / "12.50元" in Chinese, "¥10.00" in English. */
export function formatMoney(fen: number, locale: 'zh-CN' | 'en'): string {
  const yuan = fen / 100;
  if (locale === 'en') return `¥${yuan.toFixed(2)}`;
  return `${Number.isInteger(yuan) ? yuan : yuan.toFixed(2)}元`;
}

/** A due time in the shop's zone: "11月25日 18:00" / "25 Nov, 18:00". */
export function formatDueBy(at: Date, locale: 'zh-CN' | 'en', timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  if (locale === 'zh-CN') return `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
  const month = new Intl.DateTimeFormat('en-GB', { timeZone, month: 'short' }).format(at);
  return `${parts.day} ${month}, ${parts.hour}:${parts.minute}`;
}
