import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorBanner } from '@/components/ErrorBanner';
import { Loading } from '@/components/Loading';
import { DEPENDS_ON } from '@/lib/graphql/client';
import { PaydaysQuery } from '../api/paydays';
import { PaydayListItem } from './PaydayListItem';

/** /paydays: every income schedule, with the actions to manage them. */
export function PaydaysPage() {
  const [includeArchived, setIncludeArchived] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: PaydaysQuery,
    variables: { includeArchived },
    context: DEPENDS_ON.paydays,
  });

  return (
    <div className="page">
      <div className="page-header">
        <h1>Paydays</h1>
        <Link className="button button-primary" to="/paydays/new">
          Add a payday
        </Link>
      </div>
      <label className="choice">
        <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
        Show archived paydays
      </label>
      {error && !data ? (
        <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading label={fetching ? 'Loading paydays…' : undefined} />
      ) : data.paydays.length === 0 ? (
        <section className="card empty-state">
          <h2>{includeArchived ? 'No paydays at all yet' : 'No paydays yet'}</h2>
          <p>Add your paycheck — how much lands in your account and how often — to split your bills across paychecks.</p>
          <Link className="button button-primary" to="/paydays/new">
            Add your payday
          </Link>
        </section>
      ) : (
        <ul className="items" aria-label="Paydays">
          {data.paydays.map((payday) => (
            <PaydayListItem key={payday.id} payday={payday} />
          ))}
        </ul>
      )}
    </div>
  );
}
