import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { applyFilters, type InboxFilters, parseFilters } from './inbox-filters.js';

/** The inbox filters live in the URL query string, so a filtered view can be bookmarked and shared. */
export function useInboxFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const setFilters = useCallback(
    (patch: Partial<InboxFilters>) => setParams((prev) => applyFilters(prev, patch), { replace: true }),
    [setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const isFiltered = [...params.keys()].some((k) => k !== 'sort');
  return { filters, setFilters, reset, isFiltered };
}
