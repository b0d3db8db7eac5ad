import { useEffect, useId, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { ErrorBanner } from '@/components/ErrorBanner';
import { todayIn } from '@/lib/dates';
import { toAppError, type AppError } from '@/lib/graphql/errors';
import { useFormat, useViewer } from '@/lib/viewer';
import { CreateCalendarFeedMutation } from '../api/createCalendarFeed';
import { DeleteCalendarFeedMutation } from '../api/deleteCalendarFeed';

// `me.calendarFeed` changes with both mutations; one answers a Boolean, so say so.
const REFRESH_VIEWER = { additionalTypenames: ['User', 'CalendarFeed'] };

/**
 * "Subscribe in your calendar": the private iCalendar link (DESIGN §1 "Calendar feed"). The server
 * returns the link only when it is made, so it is shown once, here, with a Copy button; afterwards
 * the page says when it was made. Making a new one or revoking it is confirmed first, as calendars
 * subscribed to the old link stop updating.
 */
export function CalendarFeedSection() {
  const id = useId();
  const viewer = useViewer();
  const format = useFormat();
  const [created, setCreated] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'replace' | 'revoke' | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [{ fetching: creating }, createFeed] = useMutation(CreateCalendarFeedMutation);
  const [{ fetching: revoking }, deleteFeed] = useMutation(DeleteCalendarFeedMutation);
  const linkInput = useRef<HTMLInputElement>(null);
  const createButton = useRef<HTMLButtonElement>(null);
  // Where focus goes once the page shows the result: the new link, or "Create" after revoking.
  const focusNext = useRef<'link' | 'create' | null>(null);
  useEffect(() => {
    const target = focusNext.current === 'link' ? linkInput.current : focusNext.current === 'create' ? createButton.current : null;
    // "Create" is back only once `me` says the link is gone: wait for it.
    if (!target) return;
    target.focus();
    focusNext.current = null;
  });

  // A link made just now counts even before `me` is fetched again.
  const exists = created !== null || viewer.calendarFeed !== null;
  const createdOn = viewer.calendarFeed ? todayIn(viewer.timezone, new Date(viewer.calendarFeed.createdAt)) : null;

  const create = async () => {
    setError(null);
    setStatus('');
    const result = await createFeed({}, REFRESH_VIEWER);
    setConfirming(null);
    const url = result.data?.createCalendarFeed.url;
    if (result.error || !url) {
      setError(result.error ? toAppError(result.error) : { message: 'The server did not send the link. Try again.', code: 'INTERNAL_SERVER_ERROR' });
      return;
    }
    setCreated(url);
    setStatus('Your private link is ready. Copy it into your calendar app.');
    focusNext.current = 'link';
  };

  const revoke = async () => {
    setError(null);
    setStatus('');
    const result = await deleteFeed({}, REFRESH_VIEWER);
    setConfirming(null);
    if (result.error) {
      setError(toAppError(result.error));
      return;
    }
    setCreated(null);
    setStatus('Link revoked. Calendars subscribed to it stop updating.');
    focusNext.current = 'create';
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created);
      setStatus('Copied the link.');
    } catch {
      linkInput.current?.select();
      setStatus('Couldn’t copy here: the link is selected, copy it with Ctrl+C (⌘C on a Mac).');
    }
  };

  return (
    <section className="card calendar-feed" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Subscribe in your calendar</h2>
      <p>
        A private link your calendar app can subscribe to: every bill with its amount (and a reminder the day before)
        and every payday with what to set aside from it, from a month ago to a year ahead. It updates by itself.
      </p>

      {created ? (
        <div className="feed-link">
          <label htmlFor={`${id}-link`}>Your private calendar link</label>
          <div className="copy-row">
            <input
              ref={linkInput}
              id={`${id}-link`}
              type="text"
              readOnly
              value={created}
              aria-describedby={`${id}-warning`}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className="button-primary" onClick={copy}>
              Copy link
            </button>
          </div>
          <p id={`${id}-warning`} className="warning-text">
            <span aria-hidden="true">⚠ </span>
            Anyone with this link can see your bills and paydays — share it with no one. It is shown only now: copy it
            before you leave this page.
          </p>
        </div>
      ) : createdOn ? (
        <p data-testid="feed-created">
          You have a private link, created on {format.longDate(createdOn)}. It is not shown again: make a new one to
          subscribe another calendar.
        </p>
      ) : (
        <p className="muted">You have no calendar link.</p>
      )}

      <div className="button-row">
        {exists ? (
          <button type="button" onClick={() => setConfirming('replace')} disabled={creating || revoking}>
            Make a new link
          </button>
        ) : (
          <button ref={createButton} type="button" className="button-primary" onClick={create} disabled={creating}>
            {creating ? 'Creating…' : 'Create a private link'}
          </button>
        )}
        {exists && (
          <button type="button" className="button-danger-text" onClick={() => setConfirming('revoke')} disabled={revoking}>
            Revoke the link
          </button>
        )}
      </div>
      <div className="action-status" role="status" aria-live="polite">
        {status && <p>{status}</p>}
      </div>
      {error && <ErrorBanner error={error} />}

      <details className="feed-help">
        <summary>How to subscribe</summary>
        <ul>
          <li>
            <strong>Google Calendar</strong> (on a computer): Other calendars <span aria-label="plus">+</span> → From URL,
            paste the link, Add calendar.
          </li>
          <li>
            <strong>Apple Calendar</strong>: File → New Calendar Subscription…, paste the link, Subscribe. On an iPhone:
            Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar.
          </li>
          <li>
            <strong>Outlook</strong>: Add calendar → Subscribe from web, paste the link, Import.
          </li>
        </ul>
        <p className="hint">Calendar apps fetch the link every few hours, so a change can take a while to show.</p>
      </details>

      {confirming === 'replace' && (
        <ConfirmDialog
          title="Make a new calendar link?"
          confirmLabel="Make a new link"
          busy={creating}
          onConfirm={create}
          onCancel={() => setConfirming(null)}
        >
          <p>Your current link stops working: calendars subscribed to it stop updating until you subscribe them to the new one.</p>
        </ConfirmDialog>
      )}
      {confirming === 'revoke' && (
        <ConfirmDialog
          title="Revoke the calendar link?"
          confirmLabel="Revoke link"
          danger
          busy={revoking}
          onConfirm={revoke}
          onCancel={() => setConfirming(null)}
        >
          <p>Calendars subscribed to it stop getting your bills and paydays. You can make a new link at any time.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
