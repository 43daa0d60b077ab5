import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

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
  tag: string | undefined;
  sort: Sort;
};

const LISTS = ['kind', 'channel', 'shopId', 'severity'] as const;
const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** The inbox filters live in the URL query string, so a filtered view can be bookmarked and shared. */
export function useInboxFilters() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<InboxFilters>(() => {
    const status = params.get('status');
    const sort = params.get('sort');
    return {
      // No status in the URL means the everyday view: every open case. "all" means no status filter.
      status: status === null ? ['open'] : status === 'all' ? [] : list(status),
      kind: list(params.get('kind')),
      channel: list(params.get('channel')),
      shopId: list(params.get('shopId')),
      severity: list(params.get('severity')),
      assigneeId: params.get('assigneeId') || undefined,
      tag: params.get('tag') || undefined,
      sort: SORTS.includes(sort as Sort) ? (sort as Sort) : 'due',
    };
  }, [params]);

  const setFilters = useCallback(
    (patch: Partial<InboxFilters>) => {
      setParams(
        (prev) => {
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
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const isFiltered = [...params.keys()].some((k) => k !== 'sort');

  return { filters, setFilters, reset, isFiltered };
}

/** The GET /api/v1/tickets query for these filters (comma-separated lists). */
export function toApiQuery(f: InboxFilters): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {
    status: f.status.length ? f.status.join(',') : undefined,
    assigneeId: f.assigneeId,
    tag: f.tag,
    sort: f.sort,
  };
  for (const key of LISTS) query[key] = f[key].length ? f[key].join(',') : undefined;
  return query;
}
