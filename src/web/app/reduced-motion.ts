import type { EChartsOption } from 'echarts';
import { useMemo, useSyncExternalStore } from 'react';

// A user who asked the system for less motion gets charts without their entry animation; so does a
// browser driven by tests and screenshots (e2e/_browser.ts asks for reduced motion), which would
// otherwise catch a chart half drawn.
const QUERY = '(prefers-reduced-motion: reduce)';

const media = () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(QUERY) : null);

function subscribe(onChange: () => void) {
  const m = media();
  m?.addEventListener('change', onChange);
  return () => m?.removeEventListener('change', onChange);
}

/** Whether the user (or the test browser) asked for reduced motion; follows the setting live. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => media()?.matches ?? false,
    () => false,
  );
}

/** The chart option, with ECharts' animation off when reduced motion is asked for. */
export function useChartMotion<T extends EChartsOption>(option: T): T {
  const reduced = usePrefersReducedMotion();
  return useMemo(() => (reduced ? { ...option, animation: false } : option), [option, reduced]);
}
