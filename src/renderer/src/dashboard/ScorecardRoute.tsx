import { useParams } from 'react-router';
import { ScorecardPage } from './ScorecardPage';

// Keyed by id: moving from one scorecard to another starts with a clean page, not the last one's state.
export function OfficeScorecardRoute() {
  const { id = '' } = useParams();
  return <ScorecardPage key={id} kind="office" id={id} />;
}

export function PersonScorecardRoute() {
  const { id = '' } = useParams();
  return <ScorecardPage key={id} kind="person" id={id} />;
}
