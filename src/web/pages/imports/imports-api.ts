// The import API as the console uses it: multipart upload, preview, run, history.
import { ApiError, api, apiUrl } from '../../app/api.js';

export type ImportKind = 'reviews' | 'orders' | 'after_sales' | 'listings';
export const IMPORT_KINDS: ImportKind[] = ['reviews', 'orders', 'after_sales', 'listings'];
export const ENCODINGS = ['auto', 'utf-8', 'gb18030', 'utf-16le', 'big5'] as const;
/** Same limit as the server (MAX_IMPORT_BYTES); the server answers 413 beyond it. */
export const MAX_IMPORT_MIB = 10;

export type ImportRun = {
  id: string;
  kind: ImportKind;
  shopId: string;
  platform: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  sizeBytes: number;
  headers: string[];
  rowCount: number;
  status: 'previewed' | 'running' | 'completed' | 'failed';
  mapping: Record<string, string> | null;
  imported: number;
  skippedDuplicate: number;
  failed: number;
  error: string | null;
  createdByName: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type ImportFailure = {
  line: number;
  reason: string;
  column?: string;
  problems?: { column: string; code: string; params: Record<string, string | number> }[];
  cells?: string[];
};
export type ImportReport = ImportRun & { failures: ImportFailure[] };

export type ImportPreview = {
  run: ImportRun;
  sampleRows: { line: number; cells: string[] }[];
  suggestedMapping: Record<string, string>;
  mappingFromSaved: boolean;
  fields: { key: string; type: string; required: boolean }[];
};

/** Multipart upload: the fields first, then the file, as the server reads them. */
export async function uploadImport(input: {
  kind: ImportKind;
  shopId: string;
  encoding: string;
  file: File;
}): Promise<ImportPreview> {
  const form = new FormData();
  form.append('kind', input.kind);
  form.append('shopId', input.shopId);
  if (input.encoding !== 'auto') form.append('encoding', input.encoding);
  form.append('file', input.file, input.file.name);
  const res = await fetch(apiUrl('/imports'), { method: 'POST', body: form, credentials: 'same-origin' });
  const data = (await res.json().catch(() => undefined)) as
    | (ImportPreview & { error?: { code: string; message: string } })
    | undefined;
  if (!res.ok) {
    throw new ApiError(
      res.status,
      data?.error?.code ?? `HTTP_${res.status}`,
      data?.error?.message ?? `HTTP ${res.status}`,
    );
  }
  return data as ImportPreview;
}

export const runImport = (id: string, mapping: Record<string, string>, saveMapping: boolean) =>
  api<ImportReport>(`/imports/${id}/run`, { method: 'POST', body: { mapping, saveMapping } });

export const fetchReport = (id: string) => api<ImportReport>(`/imports/${id}`);

export const fetchHistory = (cursor?: string | null) =>
  api<{ items: ImportRun[]; nextCursor: string | null }>('/imports', { query: { limit: 50, cursor } });

export const failuresCsvUrl = (id: string) => apiUrl(`/imports/${id}/failures.csv`);
