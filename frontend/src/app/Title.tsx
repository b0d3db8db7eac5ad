import { useEffect, type ReactNode } from 'react';

/** Sets the document title per screen, so tabs, history and screen readers say where you are. */
export function Title({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Wisewallet`;
  }, [title]);
  return children;
}
