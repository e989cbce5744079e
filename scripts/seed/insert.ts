import { newId } from '../../src/shared/ids';
import { OfficeCreate } from '../../src/shared/domain/office';
import { PersonFields } from '../../src/shared/domain/person';
import type { Ctx } from '../../src/main/context';
import { insertRow } from '../../src/main/db/writePath';
import { newOffice, officeRecord } from '../../src/main/offices/rows';
import { personRecord } from '../../src/main/people/rows';
import { MembersByName } from '../../src/main/team/byName';
import { generateOffices } from './generate';
import { checkpointIfLarge } from './checkpoint';

/** Writes generated offices through the app's own validated write path, in one transaction per 5,000. */
export function insertSeed(ctx: Ctx, count: number, peoplePerOffice: number, seed: number, progress: (done: number) => void) {
  let offices = 0;
  let people = 0;
  const now = ctx.now();
  const gen = generateOffices(count, peoplePerOffice, seed);
  while (offices < count) {
    ctx.store.tx(() => {
      // Liaisons are team members: the first office naming one adds them, as the app's own import does.
      const byName = new MembersByName(ctx);
      for (let k = 0; k < 5000 && offices < count; k++) {
        const { value } = gen.next();
        if (!value) return;
        const fields = OfficeCreate.parse(value.office);
        const office = newOffice(newId(), { ...fields, ownerId: fields.ownerName ? byName.findOrAdd(fields.ownerName) : null }, now);
        insertRow(ctx, 'offices', officeRecord(office));
        offices++;
        for (const p of value.people) {
          insertRow(ctx, 'people', personRecord(newId(), office.id, PersonFields.parse(p), now));
          people++;
        }
      }
    });
    checkpointIfLarge(ctx);
    progress(offices);
  }
  return { offices, people };
}
