import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorBanner } from '@/components/ErrorBanner';
import { Loading } from '@/components/Loading';
import { DEPENDS_ON } from '@/lib/graphql/client';
import { BillsQuery } from '../api/bills';
import { BillListItem } from './BillListItem';

/** /bills: every bill, with the actions to manage them. */
export function BillsPage() {
  const [includeArchived, setIncludeArchived] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: BillsQuery,
    variables: { includeArchived },
    context: DEPENDS_ON.bills,
  });

  return (
    <div className="page">
      <div className="page-header">
        <h1>Bills</h1>
        <Link className="button button-primary" to="/bills/new">
          Add a bill
        </Link>
      </div>
      <label className="choice">
        <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
        Show archived bills
      </label>
      {error && !data ? (
        <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading label={fetching ? 'Loading bills…' : undefined} />
      ) : data.bills.length === 0 ? (
        <section className="card empty-state">
          <h2>{includeArchived ? 'No bills at all yet' : 'No bills yet'}</h2>
          <p>Add the bills you pay from this account — rent, phone, insurance, subscriptions — and when they are due.</p>
          <Link className="button button-primary" to="/bills/new">
            Add your first bill
          </Link>
        </section>
      ) : (
        <ul className="items" aria-label="Bills">
          {data.bills.map((bill) => (
            <BillListItem key={bill.id} bill={bill} />
          ))}
        </ul>
      )}
    </div>
  );
}
