import { useId, useState, type FormEvent } from 'react';
import { ErrorBanner } from '@/components/ErrorBanner';
import { FieldError } from '@/components/FieldError';
import type { AppError } from '@/lib/graphql/errors';

export interface Credentials {
  email: string;
  password: string;
}

/** The email + password form shared by sign-in and sign-up. */
export function AuthForm({
  mode,
  onSubmit,
  busy,
  error,
}: {
  mode: 'signIn' | 'signUp';
  onSubmit: (credentials: Credentials) => void;
  busy: boolean;
  error: AppError | null;
}) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Partial<Credentials>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Credentials> = {};
    const trimmed = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) found.email = 'Enter your email address, like you@example.com.';
    else if (trimmed.length > 254) found.email = 'That email address is too long.';
    if (mode === 'signUp' && (password.length < 8 || password.length > 128)) {
      found.password = 'Use 8 to 128 characters.';
    } else if (password.length === 0) {
      found.password = 'Enter your password.';
    }
    setProblems(found);
    if (Object.keys(found).length === 0) onSubmit({ email: trimmed, password });
  };

  const emailError = problems.email ? `${id}-email-error` : undefined;
  const passwordHint = mode === 'signUp' ? `${id}-password-hint` : undefined;
  const passwordError = problems.password ? `${id}-password-error` : undefined;

  return (
    <form className="card form" onSubmit={submit} noValidate>
      {error && <ErrorBanner error={error} />}
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          required
          value={email}
          aria-invalid={!!problems.email}
          aria-describedby={emailError}
          onChange={(e) => setEmail(e.target.value)}
        />
        <FieldError id={emailError} message={problems.email} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete={mode === 'signUp' ? 'new-password' : 'current-password'}
          required
          minLength={mode === 'signUp' ? 8 : undefined}
          maxLength={128}
          value={password}
          aria-invalid={!!problems.password}
          aria-describedby={[passwordHint, passwordError].filter(Boolean).join(' ') || undefined}
          onChange={(e) => setPassword(e.target.value)}
        />
        {passwordHint && (
          <p id={passwordHint} className="hint">
            At least 8 characters.
          </p>
        )}
        <FieldError id={passwordError} message={problems.password} />
      </div>
      <button type="submit" className="button-primary button-block" disabled={busy}>
        {busy ? 'Please wait…' : mode === 'signUp' ? 'Create account' : 'Sign in'}
      </button>
    </form>
  );
}
