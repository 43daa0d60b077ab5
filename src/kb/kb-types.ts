/** What an article is about: the assistant picks articles by kind for an intent. */
export const KB_KINDS = [
  'usage',
  'size',
  'shipping',
  'returns',
  'warranty',
  'invoice',
  'authenticity',
  'other',
] as const;
export type KbKind = (typeof KB_KINDS)[number];

export const KB_LOCALES = ['zh-CN', 'en'] as const;
export type KbLocale = (typeof KB_LOCALES)[number];

/** Only published articles reach buyers (the public page, the assistant, care messages). */
export const KB_STATUSES = ['draft', 'published', 'archived'] as const;
export type KbStatus = (typeof KB_STATUSES)[number];
