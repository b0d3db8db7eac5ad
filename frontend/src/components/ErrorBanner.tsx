import type { CombinedError } from '@urql/core';
import { toAppError, type AppError } from '@/lib/graphql/errors';

/** Shows an error's message (as the server worded it) with an optional retry. */
export function ErrorBanner({
  error,
  onRetry,
  title,
}: {
  error: CombinedError | AppError | string;
  onRetry?: () => void;
  title?: string;
}) {
  const message =
    typeof error === 'string' ? error : 'graphQLErrors' in error ? toAppError(error).message : error.message;
  return (
    <div className="banner banner-error" role="alert">
      {title && <strong className="banner-title">{title}</strong>}
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
