import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Loading } from '@/components/Loading';
import { toAppError, type AppError } from '@/lib/graphql/errors';
import { useSession } from '@/lib/session';
import { MeQuery } from '../api/me';
import { SignInMutation } from '../api/signIn';
import { SignUpMutation } from '../api/signUp';
import { AuthForm, type Credentials } from './AuthForm';

/** Where to go after signing in: only a path inside this app. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Sign-in and sign-up screens (they differ in words and mutation only). */
export function AuthPage({ mode }: { mode: 'signIn' | 'signUp' }) {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const { resetSession } = useSession();
  const [me] = useQuery({ query: MeQuery });
  const [signIn, runSignIn] = useMutation(SignInMutation);
  const [signUp, runSignUp] = useMutation(SignUpMutation);
  const [error, setError] = useState<AppError | null>(null);
  const busy = signIn.fetching || signUp.fetching;

  if (me.fetching && !me.data) return <Loading />;
  if (me.data?.me) return <Navigate to={next} replace />;

  const submit = async (credentials: Credentials) => {
    setError(null);
    const result = mode === 'signUp' ? await runSignUp(credentials) : await runSignIn(credentials);
    if (result.error) {
      setError(toAppError(result.error));
      return;
    }
    resetSession();
    navigate(next, { replace: true });
  };

  const signUpMode = mode === 'signUp';
  return (
    <main className="page page-narrow auth-page" id="main">
      <p className="brand brand-large" aria-hidden="true">
        Wisewallet
      </p>
      <h1>{signUpMode ? 'Create your account' : 'Sign in'}</h1>
      <p className="lead">
        {signUpMode
          ? 'Know how much to set aside from each paycheck for every bill due before the next one.'
          : 'Welcome back. See what to set aside from your next paycheck.'}
      </p>
      <AuthForm mode={mode} onSubmit={submit} busy={busy} error={error} />
      <p className="auth-switch">
        {signUpMode ? (
          <>
            Already have an account? <Link to={`/signin${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}>Sign in</Link>
          </>
        ) : (
          <>
            New here? <Link to="/signup">Create an account</Link>
          </>
        )}
      </p>
    </main>
  );
}
