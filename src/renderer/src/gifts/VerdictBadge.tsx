import { Badge } from '@mantine/core';
import type { Verdict } from '../../../shared/gifts/check';

const LOOK: Record<Verdict, { color: string; text: string }> = {
  ok: { color: 'green', text: 'Within limits' },
  warning: { color: 'yellow', text: 'Close to the limit' },
  over: { color: 'red', text: 'Over the limit' },
  forbidden: { color: 'red', text: 'Not allowed' },
};

/** A check's verdict in words (colour only repeats them). */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const l = LOOK[verdict];
  return (
    <Badge color={l.color} variant={verdict === 'ok' ? 'light' : 'filled'} tt="none" style={{ overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }}>
      {l.text}
    </Badge>
  );
}
