import { type RefObject, useCallback, useRef } from 'react';

/**
 * The keyboard selection of the inbox, kept out of React state: moving it rewrites one CSS rule
 * (keyed by the row's data-row-key) instead of re-rendering the table, so holding "j" stays cheap
 * with thousands of rows loaded. Rows that scroll into view later pick the rule up by themselves.
 */
export function useSelection(container: RefObject<HTMLElement | null>) {
  const index = useRef(-1);
  const style = useRef<HTMLStyleElement | null>(null);

  const select = useCallback(
    (next: number, id: string | undefined, number: number | undefined) => {
      index.current = next;
      if (!style.current) {
        style.current = document.createElement('style');
        document.head.appendChild(style.current);
      }
      const key = id ? CSS.escape(id) : '';
      style.current.textContent = key
        ? `.inbox-table [data-row-key="${key}"] > .ant-table-cell { background: #e8f1ff !important; }
           .inbox-table [data-row-key="${key}"] > .ant-table-cell:first-child { box-shadow: inset 3px 0 0 #1668dc; }`
        : '';
      container.current?.setAttribute('data-selected-number', number === undefined ? '' : String(number));
    },
    [container],
  );

  const clear = useCallback(() => select(-1, undefined, undefined), [select]);
  const dispose = useCallback(() => {
    style.current?.remove();
    style.current = null;
  }, []);

  return { index, select, clear, dispose };
}
