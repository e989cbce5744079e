import { Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { ApiOutput } from '../api';
import { FOUR_CS, type FourC } from '../../../shared/referrals/scorecard';
import { PRESETS, score, type PeriodChoice, type Preset } from './format';

export const C_LABELS: Record<FourC, string> = {
  communication: 'Communication',
  credibility: 'Credibility',
  capacity: 'Capacity',
  consistency: 'Consistency',
};

export type Card = ApiOutput<'scorecards.many'>['cards'][number]['card'];

/** A top referrer's four C's and overall score as table cells, or one cell saying why there are none. */
export function CardCells({ card, loading }: { card: Card | undefined; loading: boolean }) {
  if (!card)
    return (
      <td colSpan={FOUR_CS.length + 1} className="num">
        {loading ? '…' : '—'}
      </td>
    );
  if (card.state === 'not_enough_data')
    return (
      <td colSpan={FOUR_CS.length + 1} className="not-enough">
        Not enough data ({card.referrals} referral{card.referrals === 1 ? '' : 's'})
      </td>
    );
  return (
    <>
      {FOUR_CS.map((c) => (
        <td key={c} className="num">
          {score(card.cs[c])}
        </td>
      ))}
      <td className="num">
        <strong>{score(card.overall)}</strong>
      </td>
    </>
  );
}

/** The error hangs below the field, so the row of controls stays aligned. */
const BELOW = { root: { position: 'relative' }, wrapper: { marginBottom: 0 }, error: { position: 'absolute', whiteSpace: 'nowrap' } } as const;

/** A preset period, or a custom one from–to. */
export function PeriodPicker({ value, onChange, error }: { value: PeriodChoice; onChange: (p: PeriodChoice) => void; error: string | null }) {
  return (
    <Stack gap={4}>
      <SegmentedControl
        aria-label="Period"
        data={PRESETS.map((p) => ({ value: p.value, label: p.label }))}
        value={value.preset}
        onChange={(v) => onChange({ ...value, preset: v as Preset })}
      />
      {value.preset === 'custom' && (
        <div style={{ display: 'flex', gap: 12 }}>
          <TextInput type="date" label="From" value={value.from} onChange={(e) => onChange({ ...value, from: e.currentTarget.value })} error={Boolean(error)} w={160} />
          <TextInput type="date" label="To" value={value.to} onChange={(e) => onChange({ ...value, to: e.currentTarget.value })} error={error} styles={BELOW} w={160} />
        </div>
      )}
    </Stack>
  );
}

/** Every table a dashboard or scorecard figure is read from: a write to any of them redraws it. */
export const WATCHED = ['referrals', 'offices', 'people', 'team_members', 'visits', 'touches', 'visit_feedback', 'settings', 'gift_entries', 'gift_shares'];

/** One number with its name, as a card: a total on the dashboard, a figure on a scorecard. */
export function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={label} className="total-card">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} className="score-value">
        {value}
      </Text>
      {detail && <Text size="xs">{detail}</Text>}
    </Paper>
  );
}

/** A period in an address: `?period=lastYear`, or `?from=…&to=…` for a custom one. */
export function periodParams(p: PeriodChoice): URLSearchParams {
  return new URLSearchParams(p.preset === 'custom' ? { from: p.from, to: p.to } : { period: p.preset });
}

/** The period an address asks for; the last 12 months when it asks for none. */
export function periodFromParams(params: URLSearchParams): PeriodChoice {
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null || to !== null) return { preset: 'custom', from: from ?? '', to: to ?? '' };
  const preset = PRESETS.find((p) => p.value === params.get('period'))?.value ?? 'last12';
  return { preset, from: '', to: '' };
}
