import { type RefObject, useEffect, useState } from 'react';

/** Height from the element's top to the bottom of the window (minus a margin), kept up to date on resize. */
export function useAvailableHeight(ref: RefObject<HTMLElement | null>, bottomGap: number, min = 240): number {
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - bottomGap)));
    };
    measure();
    window.addEventListener('resize', measure);
    // Content above the table (banners, a lane that shrinks once loaded) moves it without resizing the
    // window or, in a full-height layout, the body: watch every box the table sits in.
    const observer = new ResizeObserver(measure);
    for (let box = ref.current?.parentElement; box; box = box.parentElement) observer.observe(box);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [ref, bottomGap, min]);
  return height;
}
