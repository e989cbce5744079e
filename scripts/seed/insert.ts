import { newId } from '../../src/shared/ids';
import { OfficeCreate } from '../../src/shared/domain/office';
import { PersonFields } from '../../src/shared/domain/person';
import type { Ctx } from '../../src/main/context';
import { insertRow } from '../../src/main/db/rows';
import { officeCells } from '../../src/main/offices/rows';
import { personCells } from '../../src/main/people/rows';
import { generateOffices } from './generate';

/** Writes generated offices through the app's own validated write path, in one transaction per 5,000. */
export function insertSeed(ctx: Ctx, count: number, peoplePerOffice: number, seed: number, progress: (done: number) => void) {
  let offices = 0;
  let people = 0;
  const now = ctx.now();
  const gen = generateOffices(count, peoplePerOffice, seed);
  while (offices < count) {
    ctx.store.tx(() => {
      for (let k = 0; k < 5000 && offices < count; k++) {
        const { value } = gen.next();
        if (!value) return;
        const o = OfficeCreate.parse(value.office);
        const id = newId();
        insertRow(ctx, 'offices', {
          id, ...officeCells({ email: null, website: null, notes: null, ...o }),
          created_at: now, updated_at: now, archived_at: null, deleted_at: null,
        });
        offices++;
        for (const p of value.people) {
          insertRow(ctx, 'people', {
            id: newId(), office_id: id, ...personCells(PersonFields.parse(p)),
            created_at: now, updated_at: now, archived_at: null, deleted_at: null,
          });
          people++;
        }
      }
    });
    progress(offices);
  }
  return { offices, people };
}
