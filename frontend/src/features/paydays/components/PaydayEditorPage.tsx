import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorBanner } from '@/components/ErrorBanner';
import type { Flash } from '@/components/form/unsaved';
import { Loading } from '@/components/Loading';
import { getFragmentData } from '@/gql';
import type { PaydayInput } from '@/gql/graphql';
import { hasCode, toAppError, type AppError } from '@/lib/graphql/errors';
import { CreatePaydayMutation } from '../api/createPayday';
import { PaydayQuery } from '../api/payday';
import { UpdatePaydayMutation } from '../api/updatePayday';
import { PaydayOccurrences } from './PaydayOccurrences';
import { PaydayForm, PaydayFormFragment } from './PaydayForm';

/** /paydays/new */
export function NewPaydayPage() {
  const navigate = useNavigate();
  const [{ fetching }, createPayday] = useMutation(CreatePaydayMutation);
  const [error, setError] = useState<AppError | null>(null);
  const submit = async (input: PaydayInput) => {
    setError(null);
    const result = await createPayday({ input });
    const created = result.data?.createPayday;
    if (result.error || !created) setError(result.error ? toAppError(result.error) : null);
    else navigate('/paydays', { state: { flash: { kind: 'added', id: created.id, name: input.name } } satisfies Flash });
  };
  return (
    <div className="page page-form">
      <BackLink />
      <h1>Add a payday</h1>
      <PaydayForm onSubmit={submit} submitLabel="Add payday" busy={fetching} error={error} />
    </div>
  );
}

/** /paydays/:id */
export function EditPaydayPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error: loadError }, refetch] = useQuery({ query: PaydayQuery, variables: { id } });
  const [{ fetching: saving }, updatePayday] = useMutation(UpdatePaydayMutation);
  const [error, setError] = useState<AppError | null>(null);

  // A malformed id is BAD_USER_INPUT on the server: for a person, that page simply does not exist.
  if (loadError && !data && !hasCode(loadError, 'BAD_USER_INPUT')) {
    return (
      <div className="page page-form">
        <BackLink />
        <h1>Edit payday</h1>
        <ErrorBanner error={loadError} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </div>
    );
  }
  // Only the first load shows the spinner: a refetch (after a date of this payday changed) keeps the
  // form, and what is typed in it, on screen.
  if (!data && (fetching || !loadError)) return <Loading label="Loading the payday…" />;
  if (!data?.payday) {
    return (
      <div className="page page-form">
        <BackLink />
        <h1>Payday not found</h1>
        <p>It may have been deleted.</p>
      </div>
    );
  }

  const original = getFragmentData(PaydayFormFragment, data.payday);
  const submit = async (patch: PaydayInput) => {
    setError(null);
    const result = await updatePayday({ id: original.id, patch });
    if (result.error) setError(toAppError(result.error));
    else navigate('/paydays', { state: { flash: { kind: 'saved', id: original.id, name: patch.name ?? original.name } } satisfies Flash });
  };

  return (
    <div className="page page-form">
      <BackLink />
      <h1>Edit {original.name}</h1>
      <p className="hint page-jump">
        <a href="#upcoming-dates">Skip, move or change one date</a> without changing the schedule.
      </p>
      <PaydayForm key={original.id} payday={data.payday} onSubmit={submit} submitLabel="Save changes" busy={saving} error={error} />
      <PaydayOccurrences paydayId={original.id} id="upcoming-dates" />
    </div>
  );
}

function BackLink() {
  return (
    <p className="back-link">
      <Link to="/paydays">← Paydays</Link>
    </p>
  );
}
