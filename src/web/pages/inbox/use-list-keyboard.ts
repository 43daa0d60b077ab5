import { useEffect } from 'react';

type Handlers = {
  move: (delta: number) => void;
  open: () => void;
  focusFilter: () => void;
};

const ACTIONS: Record<string, number | 'open' | 'filter'> = {
  j: 1,
  ArrowDown: 1,
  k: -1,
  ArrowUp: -1,
  PageDown: 10,
  PageUp: -10,
  Enter: 'open',
  '/': 'filter',
};

const isTyping = (target: EventTarget | null) => {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
};

/** j/k or ↓/↑ move the selection, Enter opens, "/" focuses the filter — unless the user is typing or a dialog is open. */
export function useListKeyboard({ move, open, focusFilter }: Handlers) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('.ant-modal-wrap, .ant-select-dropdown:not(.ant-select-dropdown-hidden)'))
        return;
      const action = ACTIONS[e.key];
      if (!action) return;
      // Handled here only: not by a focused menu or button, nor by the header's global search ("/").
      e.preventDefault();
      e.stopPropagation();
      if (action === 'open') open();
      else if (action === 'filter') focusFilter();
      else move(action);
    };
    // Capture phase: runs before window-level bubble listeners such as the global search's "/".
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [move, open, focusFilter]);
}
