/** The app's version from package.json, put in by the build (electron.vite.config.mts). */
declare const __APP_VERSION__: string;
