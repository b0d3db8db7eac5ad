/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Another origin (or base URL) for the API; empty = same origin. See src/lib/env.ts. */
  readonly VITE_APP_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
