import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { OfficeCreate } from '../../src/shared/domain/office';
import { startApp } from '../../src/main/app';
import { createOffice } from '../../src/main/offices/service';
const app = startApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'p-')), mode: 'browser', version: 'x' });
const input = { name: 'Riverside Family Medicine', kind: 'physician_office', address: { line1: '1 Main St', city: 'Dayton', state: 'OH', zip: '45402' }, phone: '(937) 555-0101', tier: 'A', stage: 'new', specialties: ['Family medicine'] };
const parsed = OfficeCreate.parse(input);
for (let r = 0; r < 3; r++) {
const t = performance.now();
for (let i = 0; i < 20000; i++) createOffice(app.ctx, parsed);
console.log('create', ((performance.now() - t) / 20000 * 1000).toFixed(1), 'us');
}
