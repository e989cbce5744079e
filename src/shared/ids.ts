import { v7 as uuidv7 } from 'uuid';

/** Record ids are UUIDv7: made offline where the record is born, time-ordered for index locality. */
export function newId(): string {
  return uuidv7();
}
