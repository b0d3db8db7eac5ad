import { useId } from 'react';
import type { AppError } from '@/lib/graphql/errors';

/**
 * The submit button with what went wrong right beside it — where the person is looking after
 * pressing it on a phone, rather than in a banner scrolled out of view at the top of the form.
 * `problems` is the number of fields marked invalid; `error` the server's refusal.
 */
export function SubmitRow({
  label,
  busy,
  problems = 0,
  error,
  status,
}: {
  label: string;
  busy: boolean;
  problems?: number;
  error?: AppError | null;
  /** A polite confirmation ("Saved.") shown in the same place. */
  status?: string;
}) {
  const id = useId();
  const message =
    problems > 0
      ? problems === 1
        ? 'Couldn’t save: fix the field marked above.'
        : `Couldn’t save: fix the ${problems} fields marked above.`
      : error
        ? `Couldn’t save: ${error.message}`
        : '';
  return (
    <div className="form-actions">
      <button type="submit" className="button-primary" disabled={busy} aria-describedby={message ? `${id}-message` : undefined}>
        {busy ? 'Saving…' : label}
      </button>
      {message && (
        <p id={`${id}-message`} className="form-message" role="alert">
          {message}
        </p>
      )}
      {status !== undefined && (
        <p role="status" className="saved-note">
          {status}
        </p>
      )}
    </div>
  );
}
