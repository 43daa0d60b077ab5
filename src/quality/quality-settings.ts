import { z } from 'zod';
import { LISTING_CLASSES } from './listing-class.js';

export const PLATFORMS = ['douyin', 'pinduoduo', 'taobao', 'tiktok', 'manual'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const TITLE_FACTS = ['brand', 'material', 'style'] as const;
export type TitleFact = (typeof TITLE_FACTS)[number];

const PerPlatform = z.strictObject({
  douyin: z.number().int().min(0).max(10_000),
  pinduoduo: z.number().int().min(0).max(10_000),
  taobao: z.number().int().min(0).max(10_000),
  tiktok: z.number().int().min(0).max(10_000),
  manual: z.number().int().min(0).max(10_000),
});

/** A merchant's listing and supplier rules; every figure we could not confirm is one of these. */
export const QualitySettings = z.strictObject({
  /** Shortest side of a main image, in pixels. */
  imageMinPx: PerPlatform,
  /** Longest title the platform takes, in characters. */
  titleMaxChars: PerPlatform,
  /** Title facts each kind of product must name. */
  titleFacts: z.partialRecord(z.enum(LISTING_CLASSES), z.array(z.enum(TITLE_FACTS)).max(3)),
  /** Jewellery and collectibles priced above this need an inspection certificate (fen). */
  inspectionAboveFen: z.number().int().min(0).max(1_000_000_000),
  /** Defect complaints per 100 units sold above which a supplier is flagged "consider replacing". */
  defectRatePct: z.number().min(0).max(100),
  /** Fewest units sold before a supplier's or claim's rate is judged at all. */
  minUnitsForRate: z.number().int().min(1).max(1_000_000),
  /** Documents expiring within this many days are listed as expiring. */
  expiryWarningDays: z.number().int().min(0).max(365),
});
export type QualitySettings = z.infer<typeof QualitySettings>;

export const DEFAULT_SETTINGS: QualitySettings = {
  // UNCERTAIN: main-image minimums as commonly quoted in platform seller help (Taobao 800 px for
  // zoom, Douyin and TikTok 600 px, Pinduoduo 480 px); not confirmed against current rules.
  imageMinPx: { douyin: 600, pinduoduo: 480, taobao: 800, tiktok: 600, manual: 0 },
  // UNCERTAIN: title limits (Taobao 60 bytes ≈ 30 Chinese characters; Douyin 30; Pinduoduo 60).
  titleMaxChars: { douyin: 30, pinduoduo: 60, taobao: 30, tiktok: 255, manual: 255 },
  // UNCERTAIN: which facts each platform requires in a title; apparel's brand, material and style
  // are the usual ask.
  titleFacts: {
    apparel: ['brand', 'material', 'style'],
    gold_jewellery: ['brand', 'material'],
    jewellery: ['material'],
  },
  // UNCERTAIN: the price above which jewellery and collectibles need a certificate (¥1,000).
  inspectionAboveFen: 1_000_00,
  // UNCERTAIN: no rule sets this; a merchant's own tolerance (3 defect complaints per 100 units).
  defectRatePct: 3,
  minUnitsForRate: 20,
  expiryWarningDays: 30,
};

export const PartialSettings = QualitySettings.partial();

/** Stored settings over the defaults, key by key (a stored value that no longer validates is ignored). */
export function mergeSettings(stored: unknown): QualitySettings {
  const parsed = PartialSettings.safeParse(stored ?? {});
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) } as QualitySettings;
}
