// The template picker and the reply box live in different components: a tiny in-page channel lets
// the picker put text into the reply box without lifting the box's state.
import { useEffect, useRef } from 'react';

const EVENT = 'aftercare:insert-reply';

export function insertIntoReply(text: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: text }));
}

export function useReplyInsert(onInsert: (text: string) => void): void {
  const ref = useRef(onInsert);
  ref.current = onInsert;
  useEffect(() => {
    const listener = (e: Event) => ref.current((e as CustomEvent<string>).detail);
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, []);
}
