/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "1" runs the UI against the in-memory mock backend (`vite --mode mock`). */
  readonly VITE_KITH_MOCK?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
