import { useCallback, useEffect, useRef } from 'react';

/**
 * Milliseconds during which this page was visible and focused, on top of
 * `initialMs` (time spent before, in a draft): the reviewer's active time on a
 * review, without the time the panel sat in a background tab.
 */
export function useActiveTime(initialMs = 0): () => number {
  const total = useRef(initialMs);
  useEffect(() => {
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      if (document.visibilityState === 'visible' && document.hasFocus()) total.current += now - last;
      last = now;
    };
    const id = setInterval(tick, 500);
    return () => clearInterval(id);
  }, []);
  return useCallback(() => Math.round(total.current), []);
}
