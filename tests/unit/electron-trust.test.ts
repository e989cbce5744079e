import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { senderAllowed, trustedUrlCheck } from '../../src/main/electron/trust';

const rendererDir = path.resolve('/opt/liaison/resources/app/out/renderer');
const page = `${pathToFileURL(rendererDir).href}/index.html#/offices`;

describe('which pages may call the API over IPC', () => {
  const trusted = trustedUrlCheck(rendererDir);

  it('trusts the bundled renderer in the top frame only', () => {
    expect(senderAllowed({ url: page, parent: null }, trusted)).toBe(true);
    expect(senderAllowed({ url: page, parent: {} }, trusted)).toBe(false);
    expect(senderAllowed(null, trusted)).toBe(false);
  });

  it('refuses other files, look-alike folders and web pages', () => {
    for (const url of [
      pathToFileURL('/etc/passwd').href,
      `${pathToFileURL(`${rendererDir}-evil`).href}/index.html`,
      'https://example.com/',
      'http://127.0.0.1:5170/',
    ]) {
      expect(senderAllowed({ url, parent: null }, trusted)).toBe(false);
    }
  });

  it('trusts the dev server only when one is running', () => {
    expect(trustedUrlCheck(rendererDir, 'http://localhost:5173/')('http://localhost:5173/#/offices')).toBe(true);
    expect(trustedUrlCheck(rendererDir, '')('http://localhost:5173/')).toBe(false);
  });
});
