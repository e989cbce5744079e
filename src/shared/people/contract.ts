import { z } from 'zod';
import { recordId } from '../domain/fields';
import { Person, PersonCreate, PersonMove, PersonUpdate } from '../domain/person';
import type { MethodSpec } from '../api/define';

const ById = z.object({ id: recordId });

/** The people domain's methods: physicians and staff at referring offices. */
export const peopleContract = {
  'people.get': { input: ById, output: Person },
  'people.create': { input: PersonCreate, output: Person },
  'people.update': { input: PersonUpdate, output: Person },
  'people.move': { input: PersonMove, output: Person },
  'people.archive': { input: ById, output: Person },
  'people.restore': { input: ById, output: Person },
} satisfies Record<`people.${string}`, MethodSpec>;
