import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Screenshots for a person to look at, when SHOTS_DIR is set (they assert nothing). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  // A report scrolls inside the app's frame: a window as tall as the report shows all of it.
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.querySelector('.print-report')?.scrollHeight ?? 0);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height + 120) });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  await page.setViewportSize(size);
}

/**
 * The page printed as it is handed on (print media, as page.pdf() and Electron's printToPDF lay it
 * out), and the PDF's text, every page, read back with pdf.js. `whilePrinting` looks at the page
 * laid out for paper before it is printed.
 */
export async function printed<T = void>(page: Page, name: string, whilePrinting?: () => Promise<T>): Promise<{ text: string; pages: number; seen: T | undefined }> {
  await page.emulateMedia({ media: 'print' });
  const seen = whilePrinting ? await whilePrinting() : undefined;
  await shot(page, `${name}-print`);
  const pdf = await page.pdf({ format: 'Letter', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  if (process.env.SHOTS_DIR) fs.writeFileSync(path.join(process.env.SHOTS_DIR, `${name}.pdf`), pdf);
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const lines: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    lines.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { text: lines.join('\n'), pages, seen };
}
