/// <reference types="svelte" />
/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

/** True in the one-file build (`npm run build:single`), which opens from file:// without a worker. */
declare const __SINGLE_FILE__: boolean;
