/** The app build (package version and build time), defined by vite.config.ts. */
declare const __APP_BUILD__: string | undefined;
