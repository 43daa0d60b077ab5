import type { TFunction } from 'i18next';
import { rowLabel } from './analytics-api.js';

/**
 * The first column of a grouped table (SKU, batch, supplier…): wide enough for a product name, which
 * wraps to at most two lines instead of being cut; the whole name is in the tooltip.
 */
export function labelColumn<R extends { key: string; label: string }>(groupBy: string, t: TFunction) {
  return {
    title: t(`col.${groupBy}`),
    key: 'label',
    fixed: 'left' as const,
    width: groupBy === 'sku' || groupBy === 'batch' ? 260 : 180,
    render: (_: unknown, r: R) => {
      const label = rowLabel(groupBy, r, t);
      return (
        <div
          title={label}
          style={{
            display: '-webkit-box',
            WebkitLineClamp: 2,
            WebkitBoxOrient: 'vertical',
            overflow: 'hidden',
            wordBreak: 'break-word',
          }}
        >
          {label}
        </div>
      );
    },
  };
}
