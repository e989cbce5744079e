/**
 * Renders resources/icon.svg to the PNGs packaging needs: `npx tsx scripts/icons.ts`.
 * Writes resources/icon.png (1024×1024, electron-builder's source icon) and
 * resources/icons/<n>x<n>.png (Linux), and copies the SVG to src/renderer/public/icon.svg (browser
 * mode's favicon; Vite copies public/ into out/renderer). Chromium draws the SVG at each size (no
 * downscaling of one big bitmap), on a transparent background. Uses the same Chromium lookup as the
 * e2e tests. Edit resources/icon.svg, then run this and commit the results.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/helpers/chromium';

const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const resources = path.resolve(__dirname, '../resources');

void (async () => {
  const svg = fs.readFileSync(path.join(resources, 'icon.svg'), 'utf8');
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  fs.mkdirSync(path.join(resources, 'icons'), { recursive: true });
  fs.copyFileSync(path.join(resources, 'icon.svg'), path.resolve(__dirname, '../src/renderer/public/icon.svg'));
  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS });
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      // setContent waits for the load event, which waits for the <img>.
      await page.setContent(
        `<html style="background:transparent"><body style="margin:0;background:transparent">` +
          `<img id="icon" src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      const png = await page.locator('#icon').screenshot({ omitBackground: true });
      fs.writeFileSync(path.join(resources, 'icons', `${size}x${size}.png`), png);
      if (size === 1024) fs.writeFileSync(path.join(resources, 'icon.png'), png);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`Wrote resources/icon.png, resources/icons/{${SIZES.map((s) => `${s}x${s}`).join(',')}}.png, src/renderer/public/icon.svg`);
})();
