// The inbox filters as plain data: read from and written to the URL query string, turned into the
// API query. Pure functions (tested in inbox-filters.test.ts); use-inbox-filters.ts binds them to the router.
export const SORTS = ['due', 'created', 'updated'] as const;
export type Sort = (typeof SORTS)[number];

export type InboxFilters = {
  status: string[];
  kind: string[];
  channel: string[];
  shopId: string[];
  severity: string[];
  /** 'me' | 'none' | a user id */
  assigneeId: string | undefined;
  category: string | undefined;
  tag: string | undefined;
  /** Words every listed case holds (its subject or a message), in the inbox's own order. */
  q: string | undefined;
  sort: Sort;
};

const LISTS = ['kind', 'channel', 'shopId', 'severity'] as const;
const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** Filters from the URL: no status means every open case; status=all means no status filter. */
export function parseFilters(params: URLSearchParams): InboxFilters {
  const status = params.get('status');
  const sort = params.get('sort');
  return {
    status: status === null ? ['open'] : status === 'all' ? [] : list(status),
    kind: list(params.get('kind')),
    channel: list(params.get('channel')),
    shopId: list(params.get('shopId')),
    severity: list(params.get('severity')),
    assigneeId: params.get('assigneeId') || undefined,
    category: params.get('category') || undefined,
    tag: params.get('tag') || undefined,
    q: params.get('q')?.trim() || undefined,
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : 'due',
  };
}

/** The URL after changing some filters; defaults (open cases, SLA order) leave no trace in the URL. */
export function applyFilters(prev: URLSearchParams, patch: Partial<InboxFilters>): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'status') {
      const statuses = value as string[];
      if (statuses.length === 1 && statuses[0] === 'open') next.delete('status');
      else next.set('status', statuses.length ? statuses.join(',') : 'all');
    } else if (Array.isArray(value)) {
      if (value.length) next.set(key, value.join(','));
      else next.delete(key);
    } else if (value === undefined || value === '' || (key === 'sort' && value === 'due')) {
      next.delete(key);
    } else {
      next.set(key, String(value));
    }
  }
  return next;
}

/** "Open" (every status but closed) and single statuses do not combine: picking one clears the other. */
export function exclusiveOpen(before: string[], after: string[]): string[] {
  const added = after.find((s) => !before.includes(s));
  if (added === 'open') return ['open'];
  return added ? after.filter((s) => s !== 'open') : after;
}

/** The GET /api/v1/tickets query for these filters (comma-separated lists). */
export function toApiQuery(f: InboxFilters): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {
    status: f.status.length ? f.status.join(',') : undefined,
    assigneeId: f.assigneeId,
    category: f.category,
    tag: f.tag,
    q: f.q,
    sort: f.sort,
  };
  for (const key of LISTS) query[key] = f[key].length ? f[key].join(',') : undefined;
  return query;
}
