import { createContext, useContext } from 'react';
import type { TeamMember } from '../../../shared/domain/team';

export interface MeState {
  /** undefined while loading; null until someone says who they are */
  me: TeamMember | null | undefined;
  /** after "me" was set or changed */
  setMe: (member: TeamMember) => void;
  /** opens the question again, to change who uses this install */
  askAgain: () => void;
}

/** Who uses this install, for every page: the header shows it, the office list's "Me" filter uses it. */
export const MeContext = createContext<MeState>({ me: undefined, setMe: () => {}, askAgain: () => {} });

export const useMe = () => useContext(MeContext);
