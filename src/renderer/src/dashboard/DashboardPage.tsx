import '../gifts/print.css';
import './report.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Button, Group, Loader, NativeSelect, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { href, Link } from 'react-router';
import type { Dashboard, DashboardQuery } from '../../../shared/referrals/contract';
import { atRiskReason } from '../../../shared/referrals/atRisk';
import { FOUR_CS } from '../../../shared/referrals/scorecard';
import { formatCents } from '../../../shared/money';
import { api } from '../api';
import { EmptyState } from '../components/EmptyState';
import { downloadFile } from '../downloadFile';
import { useApiQuery } from '../hooks/useApiQuery';
import { useStoredState } from '../hooks/useStoredState';
import { notifyError } from '../notify';
import { ChartFigure } from '../reports/ChartFigure';
import { formatRange, printPage } from '../reports/print';
import { useMe } from '../team/me';
import { useTeam } from '../team/useTeam';
import { todayIn, userZone } from '../visits/dates';
import { change, decimal, formatMonth, formatMonthShort, percent, periodOf, type PeriodChoice } from './format';
import { C_LABELS, CardCells, Figure, PeriodPicker, periodParams, WATCHED } from './parts';

interface Filters extends PeriodChoice {
  /** 'all', 'none' (offices nobody owns) or a liaison's id */
  liaison: string;
  territory: string;
  topN: number;
}

const DEFAULT_FILTERS: Filters = { preset: 'last12', from: '', to: '', liaison: 'all', territory: '', topN: 25 };

/**
 * The manager's view of referrals: totals, the monthly trend, the top referrers with their Four
 * C's, the Pareto check, the offices slipping, new and lost referrers, sources and service lines,
 * and each liaison's work, all for one period, liaison and territory. Downloaded as CSV, printed.
 */
export function DashboardPage() {
  const { me } = useMe();
  if (me === undefined) return <Loader size="sm" aria-label="Loading the dashboard" />;
  // Each user's own filters: keyed, so a change of user starts from that user's stored choice.
  const who = me?.id ?? 'anyone';
  return <DashboardBody key={who} who={who} />;
}

function DashboardBody({ who }: { who: string }) {
  const [stored, setStored] = useStoredState<Filters>(`dashboard-filters:${who}`, DEFAULT_FILTERS);
  // A stored choice from an older build may lack a field added since.
  const filters = { ...DEFAULT_FILTERS, ...stored };
  const set = (patch: Partial<Filters>) => setStored((f) => ({ ...DEFAULT_FILTERS, ...f, ...patch }));
  const [zone] = useState(userZone);
  const today = todayIn(zone);
  const period = periodOf(filters, today);
  const [territory] = useDebouncedValue(filters.territory.trim(), 300);
  const { members } = useTeam();

  const from = 'error' in period ? null : period.from;
  const to = 'error' in period ? null : period.to;
  // useApiQuery compares inputs by value: a new object each render asks nothing again.
  const query: DashboardQuery | null =
    from === null || to === null ? null : { from, to, ...(filters.liaison === 'all' ? {} : { liaisonId: filters.liaison }), territory, topN: filters.topN, zone };
  const dash = useApiQuery('dashboard.get', query, WATCHED);
  const settings = useApiQuery('referralSettings.get', {}, ['settings']);
  // A period being typed that is not one yet shows nothing rather than the last one's figures under its dates.
  const d = query ? dash.data : null;

  const liaisonOptions = [
    { value: 'all', label: 'Everyone' },
    { value: 'none', label: 'Unassigned' },
    ...(members ?? []).map((m) => ({ value: m.id, label: m.active ? m.name : `${m.name} (inactive)` })),
  ];
  const liaisonName = liaisonOptions.find((o) => o.value === filters.liaison)?.label ?? 'Everyone';
  const narrowed = filters.liaison !== 'all' || territory !== '';
  const range = d ? formatRange(d.period.from, d.period.to) : 'error' in period ? '' : formatRange(period.from, period.to);
  const scope = [filters.liaison === 'all' ? 'All liaisons' : `Liaison: ${liaisonName}`, territory ? `Territory: ${territory}` : 'All territories'].join(' · ');

  const [downloading, setDownloading] = useState(false);
  async function downloadCsv() {
    if (!query) return;
    setDownloading(true);
    try {
      const { fileName, csv } = await api['dashboard.csv'](query);
      downloadFile(fileName, csv);
    } catch (e) {
      notifyError('Could not export the dashboard', e);
    } finally {
      setDownloading(false);
    }
  }

  const nothing = d !== null && d.totals.received === 0 && d.totals.previousReceived === 0 && d.totals.sent === 0;
  return (
    <Stack gap="lg" className="print-report dashboard" style={{ overflow: 'auto' }}>
      <Stack gap={4}>
        <Text className="print-only" size="sm">
          Liaison CRM
        </Text>
        <Title order={2} size="h3">
          Referral dashboard
        </Title>
        <Text size="sm" data-testid="dashboard-scope">
          {range} · {scope}
        </Text>
      </Stack>

      <Group justify="space-between" align="flex-end" gap="md" style={{ rowGap: 16 }} data-print="hide">
        <Group gap="md" align="flex-end" style={{ rowGap: 16 }}>
          <PeriodPicker
            value={filters}
            // A custom period starts from the one on screen, not from two empty fields.
            onChange={(p) => set(p.preset === 'custom' && !p.from && !p.to && !('error' in period) ? { ...p, from: period.from, to: period.to } : p)}
            error={'error' in period ? period.error : null}
          />
          <Select label="Liaison" data={liaisonOptions} value={filters.liaison} onChange={(v) => set({ liaison: v ?? 'all' })} allowDeselect={false} searchable w={200} comboboxProps={{ withinPortal: true }} />
          <TextInput label="Territory" placeholder="ZIP prefix or city" value={filters.territory} onChange={(e) => set({ territory: e.currentTarget.value })} w={170} />
          <NativeSelect label="Top referrers" data={['10', '25', '50', '100']} value={String(filters.topN)} onChange={(e) => set({ topN: Number(e.currentTarget.value) })} w={120} />
        </Group>
        <Group gap="sm">
          <Button variant="default" onClick={() => void downloadCsv()} loading={downloading} disabled={!query}>
            Download CSV
          </Button>
          <Button variant="default" disabled={!d} onClick={() => void printPage(d ? `referral-dashboard-${d.period.from}-to-${d.period.to}.pdf` : 'referral-dashboard.pdf', `Referral dashboard ${range}`)}>
            Print or save as PDF
          </Button>
        </Group>
      </Group>

      {dash.error && (
        <Text c="red" role="alert">
          {dash.error}
        </Text>
      )}
      {d === null && dash.loading && <Loader size="sm" aria-label="Loading the dashboard" />}

      {d && nothing && !narrowed && (
        <EmptyState
          title="No referrals in this period"
          body="The dashboard is drawn from the referrals the practice received. Log them as they arrive, or import your practice-management system’s referral report; the totals, the top referrers and their scorecards appear here. Logged them earlier? Choose a longer period."
          actions={
            <>
              <Button component={Link} to={href('/referrals')}>
                Log a referral
              </Button>
              <Button variant="default" component={Link} to={`${href('/import')}?spec=referrals`}>
                Import referrals
              </Button>
            </>
          }
        />
      )}
      {d && nothing && narrowed && (
        <EmptyState
          title="No referrals match these filters"
          body={`Nothing was received in this period from ${filters.liaison === 'all' ? 'the offices' : `${liaisonName}’s offices`}${territory ? ` in “${territory}”` : ''}.`}
          actions={
            <Button variant="default" onClick={() => set({ liaison: 'all', territory: '' })}>
              Clear the liaison and territory
            </Button>
          }
        />
      )}
      {d && !nothing && (
        // A custom period's scorecards open on the whole months the dashboard scored, as its rows show them.
        <PeriodQuery.Provider value={periodParams(filters.preset === 'custom' ? { ...filters, from: d.period.from, to: d.period.to } : filters).toString()}>
          <DashboardFigures d={d} trailingMonths={settings.data?.settings.atRisk.trailingMonths ?? null} />
        </PeriodQuery.Provider>
      )}
    </Stack>
  );
}

function DashboardFigures({ d, trailingMonths }: { d: Dashboard; trailingMonths: number | null }) {
  return (
    <>
      <Totals d={d} />
      <Section title="Referrals by month">
        <MonthlyChart monthly={d.monthly} />
      </Section>
      <TopReferrers d={d} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" className="report-grid">
        <Section title="How concentrated referrals are">
          <Pareto pareto={d.pareto} />
        </Section>
        <Section title="Offices at risk">
          <AtRiskList rows={d.atRisk} trailingMonths={trailingMonths} />
        </Section>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" className="report-grid">
        <Section title="New referrers">
          <NewReferrers rows={d.newReferrers} />
        </Section>
        <Section title="Lost referrers">
          <LostReferrers rows={d.lostReferrers} />
        </Section>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" className="report-grid">
        <Section title="By source">
          <CountsChart title="Referrals by source" rows={d.bySourceKind.map((r) => ({ name: r.label, received: r.received, seen: r.seen }))} first="Source" />
        </Section>
        <Section title="By service line">
          <CountsChart title="Referrals by service line" rows={d.byServiceLine.map((r) => ({ name: r.serviceLine, received: r.received, seen: r.seen }))} first="Service line" />
        </Section>
      </SimpleGrid>
      <Section title="Liaisons">
        <Liaisons rows={d.liaisons} />
      </Section>
    </>
  );
}

/** The dashboard's period, for its links to scorecards: a scorecard opens on the period the manager was looking at. */
const PeriodQuery = createContext('');

function OfficeLink({ id, name }: { id: string; name: string }) {
  const query = useContext(PeriodQuery);
  return (
    <Link className="report-link" to={`${href('/scorecards/office/:id', { id })}?${query}`}>
      {name}
    </Link>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title} className="report-section">
      <Title order={3} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Totals({ d }: { d: Dashboard }) {
  const t = d.totals;
  const previous = formatRange(d.period.previousFrom, d.period.previousTo);
  const vs = t.previousReceived === 0 ? `none in the previous period (${previous})` : `${change(t.received / t.previousReceived - 1)} vs ${t.previousReceived.toLocaleString()} in ${previous}`;
  return (
    <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }} spacing="sm" component="section" aria-label="Totals" className="totals">
      <Figure label="Received" value={t.received.toLocaleString()} detail={vs} />
      <Figure label="Seen" value={t.seen.toLocaleString()} detail={`${t.lost.toLocaleString()} lost`} />
      <Figure label="Conversion" value={percent(t.conversion.value)} detail={`${t.conversion.numerator.toLocaleString()} seen of ${t.conversion.denominator.toLocaleString()} received`} />
      <Figure label="Referring offices" value={t.referringOffices.toLocaleString()} />
      <Figure label="We sent" value={t.sent.toLocaleString()} detail="referrals out to partners" />
      <Figure
        label="Estimated revenue"
        value={formatCents(t.estimatedRevenue.cents)}
        detail={t.estimatedRevenue.unpriced > 0 ? `${t.estimatedRevenue.unpriced.toLocaleString()} seen without an expected value for their service line` : 'from seen referrals'}
      />
    </SimpleGrid>
  );
}

function MonthlyChart({ monthly }: { monthly: Dashboard['monthly'] }) {
  const data = monthly.map((m) => ({ month: formatMonthShort(m.month), received: m.received, seen: m.seen }));
  return (
    <ChartFigure
      title="Referrals received and seen, month by month"
      height={220}
      table={{ head: ['Month', 'Received', 'Seen'], rows: monthly.map((m) => [formatMonth(m.month), m.received, m.seen]) }}
    >
      <BarChart
        h={220}
        data={data}
        dataKey="month"
        withLegend
        accessibilityLayer={false}
        series={[
          { name: 'received', label: 'Received', color: 'blue.6' },
          { name: 'seen', label: 'Seen', color: 'teal.6' },
        ]}
        yAxisProps={{ allowDecimals: false }}
      />
    </ChartFigure>
  );
}

function TopReferrers({ d }: { d: Dashboard }) {
  const ids = d.top.map((r) => r.officeId);
  const cards = useApiQuery('scorecards.many', ids.length ? { from: d.period.from, to: d.period.to, officeIds: ids } : null, WATCHED);
  const byOffice = new Map((cards.current ? cards.data?.cards : [])?.map((c) => [c.officeId, c.card]) ?? []);
  return (
    <Section title="Top referrers">
      {d.top.length === 0 ? (
        <Text size="sm">No office referred anyone in this period.</Text>
      ) : (
        <div className="table-scroll">
          <table className="report-table" aria-label="Top referrers">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Office</th>
                <th>Liaison</th>
                <th className="num">Received</th>
                <th className="num">Share</th>
                <th className="num">vs previous</th>
                <th className="num">Conversion</th>
                {FOUR_CS.map((c) => (
                  <th key={c} className="num">
                    {C_LABELS[c]}
                  </th>
                ))}
                <th className="num">Overall</th>
              </tr>
            </thead>
            <tbody>
              {d.top.map((r) => (
                <tr key={r.officeId}>
                  <td className="num">{r.rank}</td>
                  <td>
                    <OfficeLink id={r.officeId} name={r.officeName} />
                  </td>
                  <td>{r.liaisonName ?? 'Unassigned'}</td>
                  <td className="num">{r.received.toLocaleString()}</td>
                  <td className="num">{percent(r.share)}</td>
                  <td className="num" title={`${r.previous.toLocaleString()} in the previous period`}>
                    {r.previous === 0 ? 'new' : change(r.change)}
                  </td>
                  <td className="num">{percent(r.conversion)}</td>
                  <CardCells card={byOffice.get(r.officeId)} loading={!cards.current} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Text size="xs" c="dimmed">
        Scores run from 0 (the practice’s “poor”) to 100 (its “good”); an office needs 3 referrals in the period to be scored. Open an office for the numbers behind each score.
      </Text>
    </Section>
  );
}

/** "23% of referring offices send 80% of referrals (the top 20% send 71%)" */
export function paretoSentence(p: Dashboard['pareto']): string {
  if (p.share === null) return 'No office referred anyone in this period.';
  return `${percent(p.share)} of referring offices send 80% of referrals (the top 20% send ${percent(p.topFifthShare)})`;
}

function Pareto({ pareto }: { pareto: Dashboard['pareto'] }) {
  const data = pareto.curve.map((p) => ({ officeShare: p.officeShare * 100, referralShare: p.referralShare * 100, even: p.officeShare * 100 }));
  const sentence = paretoSentence(pareto);
  const verdict =
    pareto.topFifthShare === null
      ? ''
      : pareto.topFifthShare >= 0.75
        ? ' — close to the often-quoted “80% from 20%”.'
        : ` — the often-quoted “80% from 20%” does not hold here: referrals are spread wider.`;
  return (
    <ChartFigure
      title="Share of referrals against share of referring offices"
      height={240}
      caption={
        <>
          <span data-testid="pareto-sentence">{sentence}</span>
          {verdict} {pareto.referringOffices.toLocaleString()} referring office{pareto.referringOffices === 1 ? '' : 's'}.
        </>
      }
      table={{ head: ['Share of offices (largest first)', 'Share of referrals'], rows: pareto.curve.map((p) => [percent(p.officeShare), percent(p.referralShare)]) }}
    >
      <LineChart
        h={240}
        data={data}
        dataKey="officeShare"
        accessibilityLayer={false}
        withDots={false}
        curveType="linear"
        withLegend
        series={[
          { name: 'referralShare', label: 'Referrals', color: 'blue.6' },
          { name: 'even', label: 'If every office sent the same', color: 'gray.5', strokeDasharray: '4 4' },
        ]}
        xAxisProps={{ type: 'number', domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100], tickFormatter: (v: number) => `${v}%` }}
        yAxisProps={{ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] }}
        valueFormatter={(v) => `${Math.round(v)}%`}
        referenceLines={[
          { y: 80, label: '80% of referrals', color: 'red.6' },
          ...(pareto.share === null ? [] : [{ x: pareto.share * 100, label: `${percent(pareto.share)} of offices`, color: 'red.6', labelPosition: 'insideTopRight' as const }]),
        ]}
      />
    </ChartFigure>
  );
}

function AtRiskList({ rows, trailingMonths }: { rows: Dashboard['atRisk']; trailingMonths: number | null }) {
  if (rows.length === 0) return <Text size="sm">No office’s referrals fell sharply last month.</Text>;
  return (
    <table className="report-table" aria-label="Offices at risk">
      <thead>
        <tr>
          <th>Office</th>
          <th>Liaison</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.officeId}>
            <td>
              <OfficeLink id={r.officeId} name={r.officeName} />
            </td>
            <td>{r.liaisonName ?? 'Unassigned'}</td>
            <td>
              {trailingMonths === null ? `referrals down ${Math.round(-r.change * 100)}%` : atRiskReason(r, trailingMonths)}
              <Text size="xs" c="dimmed" component="div">
                {r.count.toLocaleString()} in {formatMonth(r.month)}, against {decimal(r.trailingAverage)} a month
              </Text>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NewReferrers({ rows }: { rows: Dashboard['newReferrers'] }) {
  if (rows.length === 0) return <Text size="sm">No office referred for the first time in this period.</Text>;
  return (
    <table className="report-table" aria-label="New referrers">
      <thead>
        <tr>
          <th>Office</th>
          <th>Liaison</th>
          <th className="num">Received</th>
          <th>First referral</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.officeId}>
            <td>
              <OfficeLink id={r.officeId} name={r.officeName} />
            </td>
            <td>{r.liaisonName ?? 'Unassigned'}</td>
            <td className="num">{r.received.toLocaleString()}</td>
            <td>{formatMonth(r.firstMonth)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LostReferrers({ rows }: { rows: Dashboard['lostReferrers'] }) {
  if (rows.length === 0) return <Text size="sm">Every office that referred in the previous period referred in this one too.</Text>;
  return (
    <table className="report-table" aria-label="Lost referrers">
      <thead>
        <tr>
          <th>Office</th>
          <th>Liaison</th>
          <th className="num">Previous period</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.officeId}>
            <td>
              <OfficeLink id={r.officeId} name={r.officeName} />
            </td>
            <td>{r.liaisonName ?? 'Unassigned'}</td>
            <td className="num">{r.previous.toLocaleString()}, none since</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CountsChart({ title, rows, first }: { title: string; rows: { name: string; received: number; seen: number }[]; first: string }) {
  if (rows.length === 0) return <Text size="sm">Nothing received in this period.</Text>;
  const height = Math.max(120, 36 * rows.length + 50);
  return (
    <ChartFigure title={title} height={height} table={{ head: [first, 'Received', 'Seen'], rows: rows.map((r) => [r.name, r.received, r.seen]) }}>
      <BarChart
        h={height}
        data={rows}
        dataKey="name"
        orientation="vertical"
        accessibilityLayer={false}
        withLegend
        series={[
          { name: 'received', label: 'Received', color: 'blue.6' },
          { name: 'seen', label: 'Seen', color: 'teal.6' },
        ]}
        yAxisProps={{ width: 140 }}
        xAxisProps={{ allowDecimals: false }}
      />
    </ChartFigure>
  );
}

function Liaisons({ rows }: { rows: Dashboard['liaisons'] }) {
  if (rows.length === 0) return <Text size="sm">No liaison owns an office that referred in this period.</Text>;
  return (
    <table className="report-table" aria-label="Liaisons">
      <thead>
        <tr>
          <th>Liaison</th>
          <th className="num">Visits</th>
          <th className="num">Visits a week</th>
          <th className="num">Offices</th>
          <th className="num">Received</th>
          <th className="num">Previous period</th>
          <th className="num">Growth</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.liaisonId ?? 'none'}>
            <td>{r.name}</td>
            <td className="num">{r.visits.toLocaleString()}</td>
            <td className="num">{decimal(r.visitsPerWeek)}</td>
            <td className="num">{r.offices.toLocaleString()}</td>
            <td className="num">{r.received.toLocaleString()}</td>
            <td className="num">{r.previous.toLocaleString()}</td>
            <td className="num">{r.previous === 0 && r.received > 0 ? 'new' : change(r.growth)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

