import { Text, Timeline } from '@mantine/core';
import type { TimelineEntry } from '../../../shared/domain/timeline';

const KIND_LABEL: Record<TimelineEntry['kind'], string> = { person: 'People', visit: 'Visit', gift: 'Gift', referral: 'Referral', note: 'Note' };

/** An office's history, newest first: visits, gifts and notes as those features land. */
export function ActivityTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        No activity yet. Visits, lunches and thank-you notes logged for this office will appear here.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={14} lineWidth={2} aria-label="Activity">
      {entries.map((e) => (
        <Timeline.Item key={e.id} title={`${KIND_LABEL[e.kind]}: ${e.title}`}>
          <Text size="xs" c="dimmed">
            {new Date(e.at).toLocaleString()}
          </Text>
          {e.detail && <Text size="sm">{e.detail}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
