import type { teamContract } from '../../shared/team/contract';
import type { AppCore, DomainModule } from '../domain';
import { loadMe, readMe, setMe } from './me';
import { createMember, listMembers, setMemberActive, updateMember } from './service';

export function teamModule({ ctx }: AppCore): DomainModule<typeof teamContract> {
  loadMe(ctx);
  return {
    handlers: {
      'team.list': () => listMembers(ctx),
      'team.create': (input) => createMember(ctx, input),
      'team.update': ({ id, patch }) => updateMember(ctx, id, patch),
      'team.deactivate': ({ id }) => setMemberActive(ctx, id, false),
      'team.reactivate': ({ id }) => setMemberActive(ctx, id, true),
      'team.me': () => ({ member: readMe(ctx) }),
      'team.setMe': (input) => setMe(ctx, input),
    },
  };
}
