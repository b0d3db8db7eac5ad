import { useEffect } from 'react';
import { useBlocker, type Location } from 'react-router';
import { ConfirmDialog } from '@/components/ConfirmDialog';

/** Navigation state that says "this navigation is the form's own save": never blocked. */
export interface Flash {
  flash: { kind: 'added' | 'saved'; id: string; name: string };
}

const savedNavigation = (location: Location) => {
  const state: unknown = location.state;
  return typeof state === 'object' && state !== null && 'flash' in state;
};

/**
 * Asks before leaving a form with unsaved changes: an in-app link (or Back) opens "Discard your
 * changes?"; closing or reloading the tab gets the browser's own prompt. The form's own save
 * navigates with `{ flash }` state and is let through.
 */
export function UnsavedChangesPrompt({ dirty }: { dirty: boolean }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      currentLocation.pathname !== nextLocation.pathname &&
      // Signing out (or an expired session) leaves anyway; so does the form's own save.
      nextLocation.pathname !== '/signin' &&
      !savedNavigation(nextLocation),
  );
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
  if (blocker.state !== 'blocked') return null;
  return (
    <ConfirmDialog
      title="Discard your changes?"
      confirmLabel="Discard changes"
      danger
      onCancel={() => blocker.reset()}
      onConfirm={() => blocker.proceed()}
    >
      <p>You changed this form but haven’t saved it.</p>
    </ConfirmDialog>
  );
}
