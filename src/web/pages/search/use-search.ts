import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../../app/api.js';
import type { Ticket } from '../../app/types.js';
import type { Range } from './highlighted.js';

export type SearchItem = Ticket & {
  search: {
    rank: number;
    messageId: string | null;
    snippet: string;
    highlights: Range[];
    subjectHighlights: Range[];
  };
};

export type SearchPage = {
  items: SearchItem[];
  terms: string[];
  ranked: number;
  capped: boolean;
  nextCursor: string | null;
};

const FILTER_KEYS = ['kind', 'channel', 'shopId', 'severity', 'assigneeId', 'category', 'tag'] as const;

/** A value that follows `value` once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The inbox filters of a URL query string (the inbox keeps them there), as GET /search parameters.
 * No status means the inbox's everyday view (open cases); status=all means every status.
 */
export function filtersFromSearch(search: string): Record<string, string> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  const status = params.get('status');
  if (status === null) out.status = 'open';
  else if (status !== 'all' && status) out.status = status;
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out;
}

/** On the inbox the search box narrows to the inbox filters; elsewhere it searches everything. */
export function useContextFilters(): Record<string, string> | null {
  const location = useLocation();
  return useMemo(
    () => (location.pathname === '/inbox' ? filtersFromSearch(location.search) : null),
    [location.pathname, location.search],
  );
}

/**
 * Results as you type: the query waits for a pause in typing, and a newer query aborts the request
 * of an older one (TanStack Query cancels through the AbortSignal handed to fetch).
 */
export function useSearchAsYouType(text: string, filters: Record<string, string> | null) {
  const q = useDebounced(text.trim(), 250);
  const query = useQuery({
    queryKey: ['search', 'typeahead', q, filters],
    queryFn: ({ signal }) =>
      api<SearchPage>('/search', { query: { q, limit: 8, ...(filters ?? {}) }, signal, silent: true }),
    enabled: q.length > 0,
    staleTime: 10_000,
    placeholderData: (previous) => previous,
  });
  return { q, pending: text.trim() !== q || query.isFetching, ...query };
}

export function useSearchResults(q: string, filters: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: ['search', 'page', q, filters],
    queryFn: ({ pageParam, signal }) =>
      api<SearchPage>('/search', {
        query: { q, limit: 30, cursor: pageParam ?? undefined, ...filters },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: q.trim().length > 0,
  });
}
