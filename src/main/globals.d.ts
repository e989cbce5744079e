/** The app's version from package.json, put in by the build (electron.vite.config.ts). */
declare const __APP_VERSION__: string;
