import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorBanner } from '@/components/ErrorBanner';
import type { Flash } from '@/components/form/unsaved';
import { Loading } from '@/components/Loading';
import { getFragmentData } from '@/gql';
import type { BillPatch } from '@/gql/graphql';
import { hasCode, toAppError, type AppError } from '@/lib/graphql/errors';
import { BillQuery } from '../api/bill';
import { CreateBillMutation } from '../api/createBill';
import { UpdateBillMutation } from '../api/updateBill';
import { BillOccurrences } from './BillOccurrences';
import { PauseBill } from './PauseBill';
import { BillForm, BillFormFragment, type BillValues } from './BillForm';

/** /bills/new */
export function NewBillPage() {
  const navigate = useNavigate();
  const [{ fetching }, createBill] = useMutation(CreateBillMutation);
  const [error, setError] = useState<AppError | null>(null);
  const submit = async ({ category, notes, ...values }: BillValues) => {
    setError(null);
    const input = { ...values, ...(category ? { category } : {}), ...(notes ? { notes } : {}) };
    const result = await createBill({ input });
    const created = result.data?.createBill;
    if (result.error || !created) setError(result.error ? toAppError(result.error) : null);
    else navigate('/bills', { state: { flash: { kind: 'added', id: created.id, name: input.name } } satisfies Flash });
  };
  return (
    <div className="page page-form">
      <BackLink />
      <h1>Add a bill</h1>
      <BillForm onSubmit={submit} submitLabel="Add bill" busy={fetching} error={error} />
    </div>
  );
}

/** /bills/:id */
export function EditBillPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error: loadError }, refetch] = useQuery({ query: BillQuery, variables: { id } });
  const [{ fetching: saving }, updateBill] = useMutation(UpdateBillMutation);
  const [error, setError] = useState<AppError | null>(null);

  // A malformed id is BAD_USER_INPUT on the server: for a person, that page simply does not exist.
  if (loadError && !data && !hasCode(loadError, 'BAD_USER_INPUT')) {
    return (
      <div className="page page-form">
        <BackLink />
        <h1>Edit bill</h1>
        <ErrorBanner error={loadError} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </div>
    );
  }
  // Only the first load shows the spinner: a refetch (after a date of this bill changed) keeps the
  // form, and what is typed in it, on screen.
  if (!data && (fetching || !loadError)) return <Loading label="Loading the bill…" />;
  if (!data?.bill) {
    return (
      <div className="page page-form">
        <BackLink />
        <h1>Bill not found</h1>
        <p>It may have been deleted.</p>
      </div>
    );
  }

  const original = getFragmentData(BillFormFragment, data.bill);
  const submit = async ({ category, notes, ...values }: BillValues) => {
    setError(null);
    const patch: BillPatch = { ...values };
    // An optional text is sent only when it changed; null clears it (absent = unchanged).
    if (category !== (original.category ?? '')) patch.category = category || null;
    if (notes !== (original.notes ?? '')) patch.notes = notes || null;
    const result = await updateBill({ id: original.id, patch });
    if (result.error) setError(toAppError(result.error));
    else navigate('/bills', { state: { flash: { kind: 'saved', id: original.id, name: patch.name ?? original.name } } satisfies Flash });
  };

  return (
    <div className="page page-form">
      <BackLink />
      <h1>Edit {original.name}</h1>
      <p className="hint page-jump">
        <a href="#upcoming-dates">Skip, move or change one date</a>, or pause the bill for a while, without changing the
        schedule.
      </p>
      <BillForm key={original.id} bill={data.bill} onSubmit={submit} submitLabel="Save changes" busy={saving} error={error} />
      <BillOccurrences billId={original.id} id="upcoming-dates" />
      <PauseBill billId={original.id} name={original.name} />
    </div>
  );
}

function BackLink() {
  return (
    <p className="back-link">
      <Link to="/bills">← Bills</Link>
    </p>
  );
}
