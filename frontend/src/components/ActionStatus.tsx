import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Flash } from './form/unsaved';

export interface StatusMessage {
  text: string;
  /** Offered as an "Undo" button beside the text. */
  undo?: { label: string; run: () => void | Promise<void> };
}

/** The id a list item's heading carries, so focus can land on it after an action. */
export const itemHeadingId = (id: string) => `item-${id}`;

/**
 * A list page's feedback after an action: the polite confirmation (with Undo where it makes
 * sense) and where focus goes next. A save on an editor page arrives as `{ flash }` navigation
 * state: it is announced once (and removed from history, so Back or a reload does not repeat it),
 * and focus moves to the item it names.
 */
export function useActionFeedback(verbs: { added: string; saved: string }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const flash = (location.state as Partial<Flash> | null)?.flash;

  useEffect(() => {
    if (!flash) return;
    // Set just after the (empty) live region is on the page, so screen readers announce it.
    const text = `${flash.kind === 'added' ? verbs.added : verbs.saved} ${flash.name}.`;
    setTimeout(() => setStatus({ text }), 0);
    pendingFocus.current = itemHeadingId(flash.id);
    navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [flash, verbs.added, verbs.saved, navigate, location.pathname, location.search]);

  // The item may appear only once the list has (re)loaded: try after every render until it does.
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const element = document.getElementById(target);
    if (element) {
      element.focus();
      pendingFocus.current = null;
    }
  });

  return {
    status,
    setStatus,
    /** Moves focus to this element id once it is on the page. */
    focusLater: (elementId: string) => {
      pendingFocus.current = elementId;
    },
  };
}

/** The polite live region a list page keeps on screen for `useActionFeedback`'s messages. */
export function ActionStatus({ status, undoId }: { status: StatusMessage | null; undoId?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="action-status" role="status" aria-live="polite">
      {status && <p>{status.text}</p>}
      {status?.undo && (
        <button
          type="button"
          id={undoId}
          className="button-small"
          aria-label={status.undo.label}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await status.undo?.run();
            setBusy(false);
          }}
        >
          Undo
        </button>
      )}
    </div>
  );
}
