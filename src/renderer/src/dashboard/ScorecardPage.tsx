import '../gifts/print.css';
import './report.css';
import { LineChart } from '@mantine/charts';
import { Anchor, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { href, Link, useSearchParams } from 'react-router';
import { formatCents } from '../../../shared/money';
import type { ScorecardDetail } from '../../../shared/referrals/contract';
import { FOUR_CS, ratingScore, type FourC } from '../../../shared/referrals/scorecard';
import { MEASURE_LABELS, type MeasureKey } from '../../../shared/referrals/settings';
import { api } from '../api';
import { downloadFile } from '../downloadFile';
import { useApiQuery } from '../hooks/useApiQuery';
import { notifyError } from '../notify';
import { ChartFigure } from '../reports/ChartFigure';
import { formatRange, printPage, usePrinting } from '../reports/print';
import { todayIn, userZone } from '../visits/dates';
import { decimal, formatMonth, formatMonthShort, percent, periodOf, score, type PeriodChoice } from './format';
import { C_LABELS, Figure, PeriodPicker, periodFromParams, periodParams, WATCHED } from './parts';

type CDetail = ScorecardDetail['cs'][number];

/**
 * One referring office's (or one physician's) Four C's for a period: the overall score and each
 * C, the numbers behind each C a click away, the twelve-month trend, volume, speed to the first
 * appointment, spend and estimated revenue. Downloaded as CSV, printed for the practice owner.
 */
export function ScorecardPage({ kind, id }: { kind: 'office' | 'person'; id: string }) {
  const [params, setParams] = useSearchParams();
  const choice = periodFromParams(params);
  const [zone] = useState(userZone);
  const period = periodOf(choice, todayIn(zone));
  const days = 'error' in period ? null : period;
  const office = useApiQuery('scorecards.office', kind === 'office' && days ? { ...days, officeId: id } : null, WATCHED);
  const person = useApiQuery('scorecards.person', kind === 'person' && days ? { ...days, personId: id } : null, WATCHED);
  const q = kind === 'office' ? office : person;
  const s = q.data;

  const setChoice = (p: PeriodChoice) => {
    const next = p.preset === 'custom' && !p.from && !p.to && days ? { ...p, ...days } : p;
    setParams(periodParams(next), { replace: true });
  };

  const [downloading, setDownloading] = useState(false);
  async function downloadCsv() {
    if (!days) return;
    setDownloading(true);
    try {
      const { fileName, csv } = await api['scorecards.csv']({ ...days, ...(kind === 'office' ? { officeId: id } : { personId: id }) });
      downloadFile(fileName, csv);
    } catch (e) {
      notifyError('Could not export the scorecard', e);
    } finally {
      setDownloading(false);
    }
  }

  const range = s ? formatRange(s.period.from, s.period.to) : days ? formatRange(days.from, days.to) : '';
  const title = s ? `Scorecard: ${s.subject.name}` : 'Scorecard';
  const fileName = s ? `scorecard-${s.subject.name.replace(/[^\w-]+/g, '-')}-${s.period.from}-to-${s.period.to}.pdf` : 'scorecard.pdf';
  return (
    <Stack gap="lg" className="print-report scorecard" style={{ overflow: 'auto' }}>
      <Stack gap={4}>
        <Group gap="md" data-print="hide">
          <Anchor component={Link} to={`${href('/dashboard')}`} size="sm">
            Back to the dashboard
          </Anchor>
          {s && (
            <Anchor component={Link} to={href('/offices/:id', { id: s.subject.officeId })} size="sm">
              Open {s.subject.officeName}
            </Anchor>
          )}
        </Group>
        <Text className="print-only" size="sm">
          Liaison CRM · Four C’s scorecard
        </Text>
        <Title order={2} size="h3">
          {title}
        </Title>
        {s && (
          <Text size="sm" data-testid="scorecard-scope">
            {s.subject.kind === 'person' ? `${s.subject.officeName} · ` : ''}
            {range} · Liaison: {s.subject.liaisonName ?? 'unassigned'}
          </Text>
        )}
      </Stack>

      <Group justify="space-between" align="flex-end" gap="md" style={{ rowGap: 16 }} data-print="hide">
        <PeriodPicker value={choice} onChange={setChoice} error={'error' in period ? period.error : null} />
        <Group gap="sm">
          <Button variant="default" onClick={() => void downloadCsv()} loading={downloading} disabled={!days}>
            Download CSV
          </Button>
          <Button variant="default" disabled={!s} onClick={() => void printPage(fileName, `${title} ${range}`)}>
            Print or save as PDF
          </Button>
        </Group>
      </Group>

      {q.error && (
        <Text c="red" role="alert">
          {q.error}
        </Text>
      )}
      {s === null && q.loading && <Loader size="sm" aria-label="Loading the scorecard" />}
      {/* A period being typed that is not one yet shows nothing rather than the last one's numbers under its dates. */}
      {s && days && <ScorecardBody s={s} />}
    </Stack>
  );
}

function ScorecardBody({ s }: { s: ScorecardDetail }) {
  const printing = usePrinting();
  const [open, setOpen] = useState<FourC[]>([]);
  const scored = s.card.state === 'scored' ? s.card : null;
  const toggle = (c: FourC) => setOpen((o) => (o.includes(c) ? o.filter((x) => x !== c) : [...o, c]));
  // On paper every C's numbers are shown: the owner reading it cannot click.
  const shown = printing ? FOUR_CS : FOUR_CS.filter((c) => open.includes(c));
  return (
    <>
      <Paper withBorder p="md" radius="md" component="section" aria-label="Overall" className="c-card">
        {scored ? (
          <Group gap="lg" align="baseline">
            <Text size="sm" fw={600}>
              Overall score
            </Text>
            <Text fz={40} fw={700} lh={1} className="score-value" data-testid="overall-score">
              {score(scored.overall)}
            </Text>
            <Text size="sm" c="dimmed">
              out of 100, from {scored.referrals.toLocaleString()} referral{scored.referrals === 1 ? '' : 's'} in this period
            </Text>
          </Group>
        ) : (
          <Text fw={600} data-testid="overall-score">
            {s.card.state === 'not_enough_data' ? s.card.message : ''}
          </Text>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" component="section" aria-label="The Four C’s" className="c-grid">
        {s.cs.map((c) => (
          <CCard key={c.c} c={c} score={scored ? scored.cs[c.c] : null} scored={Boolean(scored)} open={open.includes(c.c)} onToggle={() => toggle(c.c)} />
        ))}
      </SimpleGrid>

      {shown.map((c) => {
        const detail = s.cs.find((x) => x.c === c);
        return detail ? <Numbers key={c} c={detail} /> : null;
      })}

      <Trend trend={s.trend} />

      <Stack gap="xs" component="section" aria-label="Volume and speed" className="report-section">
        <Title order={3} size="h4">
          Volume and speed
        </Title>
        <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }} spacing="sm">
          <Figure label="Received" value={s.volume.received.toLocaleString()} />
          <Figure label="Seen" value={s.volume.seen.toLocaleString()} />
          <Figure label="Lost" value={s.volume.lost.toLocaleString()} />
          <Figure label="We sent them" value={s.volume.sent.toLocaleString()} detail={`We sent ${s.volume.sent.toLocaleString()}, they sent ${s.volume.received.toLocaleString()}`} />
          <Figure
            label="Days to first appointment"
            value={s.daysToFirstAppointment.median === null ? '—' : `${decimal(s.daysToFirstAppointment.median)} days`}
            detail={
              s.daysToFirstAppointment.count === 0
                ? 'No first appointment booked in this period'
                : `median of ${s.daysToFirstAppointment.count.toLocaleString()}; 90th percentile ${s.daysToFirstAppointment.p90 === null ? '—' : `${decimal(s.daysToFirstAppointment.p90)} days`}`
            }
          />
          <Figure
            label="Days to first referral"
            value={s.daysToFirstReferral === null ? '—' : `${s.daysToFirstReferral.toLocaleString()} days`}
            detail={s.daysToFirstReferral === null ? 'No outreach visit before a first referral' : 'from the first outreach visit'}
          />
        </SimpleGrid>
      </Stack>

      <Stack gap="xs" component="section" aria-label="Spend and revenue" className="report-section">
        <Title order={3} size="h4">
          Spend and revenue
        </Title>
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
          <Figure
            label="Gifts and meals"
            value={formatCents(s.spend.cents)}
            detail={s.spend.limitCents === null ? 'No yearly limit applies' : `of a ${formatCents(s.spend.limitCents)} limit (${percent(s.spend.share.value)})`}
          />
          <Figure
            label="Estimated revenue"
            value={formatCents(s.estimatedRevenue.cents)}
            detail={s.estimatedRevenue.unpriced > 0 ? `${s.estimatedRevenue.unpriced.toLocaleString()} seen without an expected value for their service line` : 'from seen referrals'}
          />
        </SimpleGrid>
      </Stack>
    </>
  );
}

function CCard({ c, score: value, scored, open, onToggle }: { c: CDetail; score: number | null; scored: boolean; open: boolean; onToggle: () => void }) {
  const label = C_LABELS[c.c];
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={label} className="c-card">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text fz={28} fw={700} lh={1.1} className="score-value">
          {scored ? score(value) : 'Not scored'}
        </Text>
        <Text size="xs" c="dimmed">
          {c.rating === null ? 'No rating from the office' : `Their rating: ${decimal(c.rating)} of 5 (${c.ratings.toLocaleString()})`}
        </Text>
        <Button variant="subtle" size="compact-sm" onClick={onToggle} aria-expanded={open} aria-controls={`numbers-${c.c}`} aria-label={`${open ? 'Hide' : 'Show'} the numbers behind ${label}`} data-print="hide" style={{ alignSelf: 'flex-start' }}>
          {open ? 'Hide the numbers' : 'Show the numbers'}
        </Button>
      </Stack>
    </Paper>
  );
}

/** A "poor" or "good" value in the measure's own unit. */
function bound(key: string, v: number): string {
  const unit = MEASURE_LABELS[key as MeasureKey]?.unit;
  if (unit === 'share') return percent(v);
  if (unit === 'days') return `${decimal(v)} days`;
  return v.toFixed(2);
}

function Numbers({ c }: { c: CDetail }) {
  const label = C_LABELS[c.c];
  return (
    <Stack gap="xs" component="section" id={`numbers-${c.c}`} aria-label={`The numbers behind ${label}`} className="report-section">
      <Title order={3} size="h5">
        The numbers behind {label}
      </Title>
      <div className="table-scroll">
        <table className="report-table" aria-label={`${label} measures`}>
          <thead>
            <tr>
              <th>Measure</th>
              <th>Value, and what it is made from</th>
              <th className="num">Poor</th>
              <th className="num">Good</th>
              <th className="num">Score</th>
            </tr>
          </thead>
          <tbody>
            {c.measures.map((m) => (
              <tr key={m.key}>
                <td>{m.label}</td>
                <td>{m.display}</td>
                <td className="num">{bound(m.key, m.poor)}</td>
                <td className="num">{bound(m.key, m.good)}</td>
                <td className="num">{score(m.score)}</td>
              </tr>
            ))}
            <tr>
              <td>The office’s own rating</td>
              <td>{c.rating === null ? 'Not rated in visit feedback in this period' : `${decimal(c.rating)} of 5, from ${c.ratings.toLocaleString()} rating${c.ratings === 1 ? '' : 's'} in visit feedback`}</td>
              <td className="num">1</td>
              <td className="num">5</td>
              <td className="num">{score(ratingScore(c.rating))}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <Text size="xs" c="dimmed">
        Each measure scores 0 at “poor” and 100 at “good”, in a straight line between; {label} is the average of the scores that could be measured.
      </Text>
    </Stack>
  );
}

const TREND_COLORS: Record<FourC | 'overall', string> = { communication: 'blue.6', credibility: 'grape.6', capacity: 'orange.6', consistency: 'teal.6', overall: 'dark.7' };

function Trend({ trend }: { trend: ScorecardDetail['trend'] }) {
  const data = trend.map((t) => ({ ...t, month: formatMonthShort(t.month) }));
  return (
    <Stack gap="xs" component="section" aria-label="Trend" className="report-section">
      <ChartFigure
        title="Twelve months, each C"
        height={260}
        caption="Each month is scored over the three months ending with it; a gap is a month without enough referrals to score."
        table={{
          head: ['Month', 'Referrals', ...FOUR_CS.map((c) => C_LABELS[c]), 'Overall'],
          rows: trend.map((t) => [formatMonth(t.month), t.referrals, ...FOUR_CS.map((c) => score(t[c])), score(t.overall)]),
        }}
      >
        <LineChart
          h={260}
          data={data}
          dataKey="month"
          accessibilityLayer={false}
          withLegend
          connectNulls={false}
          curveType="linear"
          series={[...FOUR_CS.map((c) => ({ name: c, label: C_LABELS[c], color: TREND_COLORS[c] })), { name: 'overall', label: 'Overall', color: TREND_COLORS.overall, strokeDasharray: '5 3' }]}
          yAxisProps={{ domain: [0, 100], ticks: [0, 25, 50, 75, 100] }}
        />
      </ChartFigure>
    </Stack>
  );
}
