import type { QualityGroup } from './analytics-types.js';
/** Ids inside a key are not something a merchant types: a search for "b1" must not match the "…b19…" of a SKU id. */
export function readableKeyPart(group: QualityGroup, key: string): string {
  if (group === 'platform') return key;
  if (group === 'batch') return key.slice(key.indexOf('|') + 1);
  return '';
}
