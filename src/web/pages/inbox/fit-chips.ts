/**
 * How many of an inbox row's chips show whole beside the subject; the rest go into a "+N". A chip is
 * never cut to a stub ("安全…"): it fits or it waits in the +N. Widths are estimated from the text
 * (12 px type: a CJK character is 12 px, anything else about 6.5) so the table never measures the DOM
 * while thousands of rows scroll past.
 */
// The chips have the line under the subject to themselves (the kind chip first): about 180 px of it.
export const CHIP_BUDGET_PX = 180;
const CHIP_CHROME_PX = 14 + 2 + 4; // padding, border, gap

export function chipWidth(label: string): number {
  let w = CHIP_CHROME_PX;
  for (const ch of label) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 6.5;
  return w;
}

/** The number of chips (in order) that show whole; the others are the +N (drawn after the budget). */
export function fitChips(labels: string[], budget = CHIP_BUDGET_PX): number {
  let used = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = chipWidth(labels[i]!);
    if (used + w > budget) return i;
    used += w;
  }
  return labels.length;
}
