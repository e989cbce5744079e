import type { peopleContract } from '../../shared/people/contract';
import type { AppCore, DomainModule } from '../domain';
import { createPerson, movePerson, peopleTimeline, requirePerson, setPersonArchived, updatePerson } from './service';

export function peopleModule({ ctx }: AppCore): DomainModule<typeof peopleContract> {
  return {
    handlers: {
      'people.get': ({ id }) => requirePerson(ctx, id),
      'people.create': (input) => createPerson(ctx, input),
      'people.update': ({ id, patch }) => updatePerson(ctx, id, patch),
      'people.move': ({ id, officeId }) => movePerson(ctx, id, officeId),
      'people.archive': ({ id }) => setPersonArchived(ctx, id, true),
      'people.restore': ({ id }) => setPersonArchived(ctx, id, false),
    },
    timeline: peopleTimeline,
  };
}
