import type { ImportContext, RowOutcome, ValidRow } from '../imports/import-context.js';
import { failed, num, str } from '../imports/import-context.js';
import { importListingRecords, type ListingRecord } from './listing-import.js';
import { findSettings } from './listing-repo.js';
import { mergeSettings } from './quality-settings.js';

const SIZE = /(\d{2,5})\s*[x×X*＊]\s*(\d{2,5})/;
const URL = /https?:\/\/\S+/;

/**
 * A main-images cell as exports write it: items separated by ; | or new lines, each a link, a
 * size ("800x800") or both ("https://…/1.jpg 800x800"). Items without a size are warned about.
 */
export function readImages(cell: string | undefined): {
  images: ListingRecord['images'];
  warnings: string[];
} {
  const images: ListingRecord['images'] = [];
  const warnings: string[] = [];
  for (const item of (cell ?? '')
    .split(/[;；|\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const size = SIZE.exec(item.replace(URL, ''));
    const url = URL.exec(item)?.[0] ?? null;
    images.push({ url, width: size ? Number(size[1]) : null, height: size ? Number(size[2]) : null });
    if (!size)
      warnings.push(`image ${images.length} has no size (like 800x800): the pixel minimum cannot be checked`);
  }
  return { images, warnings };
}

export const readSkuCodes = (cell: string | undefined) =>
  [
    ...new Set(
      (cell ?? '')
        .split(/[,，;；|\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, 200);

/**
 * The listings importer of the import wizard: each row becomes a listing (or a new version of one),
 * checked like any other. New and changed listings count as imported; unchanged ones as duplicates.
 */
export async function importListings(ctx: ImportContext, rows: ValidRow[]): Promise<RowOutcome[]> {
  const settings = mergeSettings((await findSettings(ctx.scope))?.settings);
  const records = rows.map(({ row, values: v }) => {
    const { images, warnings } = readImages(str(v.images));
    const record: ListingRecord = {
      externalId: str(v.listingId)!,
      title: str(v.title)!,
      description: str(v.description) ?? null,
      category: str(v.category) ?? null,
      brand: str(v.brand) ?? null,
      material: str(v.material) ?? null,
      style: str(v.style) ?? null,
      priceFen: num(v.price) ?? null,
      referencePriceFen: num(v.referencePrice) ?? null,
      images,
      skuCodes: readSkuCodes(str(v.skuCodes)),
    };
    return { row: row.line, record, warnings };
  });
  const results = await importListingRecords(
    ctx.scope,
    { shop: ctx.shop, settings, now: ctx.now, source: 'import', runId: ctx.runId },
    records,
  );
  const byLine = new Map(rows.map((r) => [r.row.line, r.row]));
  return results.map((r): RowOutcome => {
    if (r.status === 'failed') return failed(byLine.get(r.row)!, r.reason ?? 'not imported');
    return { line: r.row, status: r.status === 'unchanged' ? 'duplicate' : 'imported' };
  });
}
