/** Where a shop sells: a platform with an adapter, or 'manual' (cases typed in by hand). */
export const PLATFORMS = ['pinduoduo', 'douyin', 'tiktok', 'taobao', 'manual'] as const;
export type Platform = (typeof PLATFORMS)[number];
