/**
 * Browser mode: `npm run web` (and `npm start` where Electron is missing). Serves the built
 * renderer and the same API the Electron window uses, on 127.0.0.1 only, to a browser that
 * opened the link printed here (it carries this launch's secret).
 */
import path from 'node:path';
import { resolveDataDir } from '../dataDir';
import { FolderInUse } from '../dataLock';
import { openRuntime } from '../runtime';
import { newSecret, signInLink } from './auth';
import { startHost } from './server';

// Work that runs off the request path (warming read models) must never take the whole app down
// with it: it is logged, and whatever needs it again answers the screen in words.
process.on('unhandledRejection', (e) => console.error('[host] unexpected failure in background work:', e));

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 5170);
  const dataDir = resolveDataDir();
  // A damaged or foreign database still serves the page, which says what is wrong and offers the way out.
  const app = openRuntime({ dataDir, mode: 'browser', version: __APP_VERSION__ });
  const secret = newSecret();
  // out/main/host.js → out/renderer
  const staticDir = path.resolve(__dirname, '../renderer');
  const server = await startHost({ handlers: app.handlers, staticDir, port, changes: app, secret, upload: app.receiveFile });
  const link = signInLink(server.port, secret);
  // A second launch on this folder prints the link instead of opening the database again.
  app.lock.announce(link);
  console.log(`Liaison CRM (browser mode) is at ${link}`);
  console.log(`Data folder: ${dataDir}`);
  setImmediate(() => void app.start());
  const stop = () => {
    server.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof FolderInUse) {
    console.error(e.message);
    process.exit(1);
  }
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') {
    console.error(`Port ${process.env.PORT ?? 5170} is already in use (is Liaison CRM already running?). Set PORT to use another, e.g. PORT=5180 npm run web.`);
    process.exit(1);
  }
  console.error(`Liaison CRM could not start: ${err.message}`);
  process.exit(1);
});
