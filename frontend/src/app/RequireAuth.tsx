import { Navigate, Outlet, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { ErrorBanner } from '@/components/ErrorBanner';
import { Loading } from '@/components/Loading';
import { MeQuery } from '@/features/auth/api/me';
import { ViewerContext } from '@/lib/viewer';

/** The signed-in part of the app: sends visitors to sign in, and provides the viewer below. */
export function RequireAuth() {
  const location = useLocation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: MeQuery });
  if (error && !data) {
    return (
      <main className="page page-narrow">
        <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </main>
    );
  }
  if (fetching || !data) return <Loading label="Loading your account…" />;
  if (!data.me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <ViewerContext.Provider value={data.me}>
      <Outlet />
    </ViewerContext.Provider>
  );
}
