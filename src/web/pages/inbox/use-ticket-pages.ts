import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../app/api.js';
import type { Page, Ticket } from '../../app/types.js';
import { type InboxFilters, toApiQuery } from './inbox-filters.js';

export const PAGE_SIZE = 200;

/** Cursor pages of the inbox, flattened; the table asks for the next page as it nears the end. */
export function useTicketPages(filters: InboxFilters) {
  const query = toApiQuery(filters);
  const result = useInfiniteQuery({
    queryKey: ['tickets', 'inbox', query],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Ticket>>('/tickets', { query: { ...query, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 10_000,
  });
  const tickets = useMemo(() => result.data?.pages.flatMap((p) => p.items) ?? [], [result.data]);
  return { ...result, tickets };
}
