import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Which page may call the API: our own renderer (the bundled files, or the dev server during
 * `npm run dev`), in the window's top frame. Pure, so it is tested without Electron.
 */
export function trustedUrlCheck(rendererDir: string, devServerUrl?: string): (url: string) => boolean {
  // Compared as file: URLs, which is right for Windows drive paths too.
  const rendererUrl = `${pathToFileURL(path.resolve(rendererDir)).href}/`;
  return (url) => (devServerUrl !== undefined && devServerUrl !== '' && url.startsWith(devServerUrl)) || url.startsWith(rendererUrl);
}

export interface SenderFrame {
  url: string;
  parent: unknown;
}

export function senderAllowed(frame: SenderFrame | null | undefined, isTrustedUrl: (url: string) => boolean): boolean {
  return !!frame && frame.parent === null && isTrustedUrl(frame.url);
}
