/**
 * The app's environment, parsed once at start-up.
 *
 * `VITE_APP_API_URL` (build time) points the app at an API hosted on another origin, e.g.
 * `https://api.example.com` or `https://example.com/api` (GraphQL is then at `<that>/graphql`).
 * Left empty, the API is the page's own origin: the Rust server serves this app itself.
 */
export interface Env {
  /** Absolute URL of the GraphQL endpoint. */
  readonly graphqlUrl: string;
}

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(raw: { VITE_APP_API_URL?: string | undefined }, pageOrigin: string): Env {
  const configured = raw.VITE_APP_API_URL?.trim() ?? '';
  if (configured === '') {
    return { graphqlUrl: new URL('/graphql', pageOrigin).href };
  }
  let base: URL;
  try {
    base = new URL(configured);
  } catch {
    throw new EnvError(`VITE_APP_API_URL must be an absolute http(s) URL, got "${configured}"`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new EnvError(`VITE_APP_API_URL must use http or https, got "${configured}"`);
  }
  const path = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return { graphqlUrl: new URL(`${path}graphql`, base.origin).href };
}

export const env: Env = parseEnv(import.meta.env, window.location.origin);
