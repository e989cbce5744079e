import { useCallback, useEffect, useState } from 'react';
import type { TeamMember } from '../../../shared/domain/team';
import { api } from '../api';
import { useChanges } from '../changes';

/** The team as it is now: refetched whenever a member is written here, elsewhere or by a sync pull. */
export function useTeam(): { members: TeamMember[] | null; reload: () => void } {
  const [members, setMembers] = useState<TeamMember[] | null>(null);
  const reload = useCallback(() => {
    api['team.list']({}).then(setMembers, () => setMembers((m) => m ?? []));
  }, []);
  useEffect(reload, [reload]);
  useChanges(['team_members'], reload);
  return { members, reload };
}
