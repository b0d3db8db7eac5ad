import { useState } from 'react';
import { Link } from 'react-router';
import type { AppError } from '@/lib/graphql/errors';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorBanner } from './ErrorBanner';

export interface ItemActionsProps {
  /** What the item is called, for labels: "Rent". */
  name: string;
  /** "bill" or "payday". */
  kind: string;
  archived: boolean;
  editTo: string;
  onSetArchived: (archived: boolean) => Promise<AppError | null>;
  onDelete: () => Promise<AppError | null>;
  /** Told once an action succeeded, to confirm it and move focus (the item may be gone by then). */
  onDone?: (action: 'archived' | 'unarchived' | 'deleted') => void;
}

/** Edit, archive/unarchive and delete (after confirmation) for one bill or payday. */
export function ItemActions({ name, kind, archived, editTo, onSetArchived, onDelete, onDone }: ItemActionsProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = async (action: () => Promise<AppError | null>, onSuccess: () => void) => {
    setBusy(true);
    setError(null);
    const failure = await action();
    if (!failure) onSuccess();
    setBusy(false);
    setError(failure);
  };

  return (
    <div className="item-actions">
      <div className="button-row">
        <Link className="button button-small" to={editTo} aria-label={`Edit ${name}`}>
          Edit
        </Link>
        <button
          type="button"
          className="button-small"
          disabled={busy}
          aria-label={`${archived ? 'Unarchive' : 'Archive'} ${name}`}
          onClick={() =>
            void run(
              () => onSetArchived(!archived),
              () => onDone?.(archived ? 'unarchived' : 'archived'),
            )
          }
        >
          {archived ? 'Unarchive' : 'Archive'}
        </button>
        <button
          type="button"
          className="button-small button-danger-text"
          disabled={busy}
          aria-label={`Delete ${name}`}
          onClick={() => setConfirming(true)}
        >
          Delete
        </button>
      </div>
      {error && <ErrorBanner error={error} />}
      {confirming && (
        <ConfirmDialog
          title={`Delete ${name}?`}
          confirmLabel={`Delete ${kind}`}
          danger
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            void run(onDelete, () => {
              setConfirming(false);
              onDone?.('deleted');
            })
          }
        >
          <p>
            This removes the {kind} and its dates from every forecast. This can’t be undone
            {archived ? '.' : ' — archive it instead to keep it for later.'}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
