import './print.css';
import { Alert, Button, Group, Loader, NativeSelect, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { href, Link } from 'react-router';
import { ENTRY_KIND_LABELS, type ComplianceReport, type LedgerVerdict } from '../../../shared/domain/gift';
import { formatCents } from '../../../shared/money';
import { ApiError, api } from '../api';
import { useChanges } from '../changes';
import { EmptyState } from '../components/EmptyState';
import { downloadFile } from '../downloadFile';
import { notifyError } from '../notify';
import { formatDay, formatRange, printPage } from '../reports/print';
import { isDay, todayIn, userZone } from '../visits/dates';

type Mode = 'year' | 'range';
type Entry = ComplianceReport['entries'][number];
type Override = ComplianceReport['overrides'][number];

const MODES = [
  { value: 'year', label: 'Calendar year' },
  { value: 'range', label: 'Date range' },
];

/** Every table the gift pages change, and what names appear in them. */
const WATCHED = ['gift_entries', 'gift_shares', 'gift_overrides', 'gift_repayments', 'patient_rewards', 'ledger', 'compliance_limits', 'people', 'offices', 'team_members'];

/** "Nov 24, 2026, 12:20 PM EST" in the user's zone. */
export function formatInstant(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(iso)) + ` (${zone})`;
}

/** Where a physician stands against the year's limit, in words (colour only repeats it). */
export function standing(spentCents: number, limitCents: number | null): { over: boolean; text: string } {
  if (limitCents === null) return { over: false, text: 'No yearly limit applies' };
  if (spentCents > limitCents) return { over: true, text: `Over the limit by ${formatCents(spentCents - limitCents)}` };
  if (spentCents === limitCents) return { over: false, text: 'At the limit' };
  return { over: false, text: `Within the limit (${formatCents(limitCents - spentCents)} left)` };
}

/**
 * The compliance report a compliance officer files: for a year or a date range, every entry with
 * its allocation, the overrides, repayments and patient rewards, each person's year against the
 * limit, and the ledger's latest hash. Downloaded as CSV, printed, or saved as a PDF.
 */
export function ComplianceReportPage() {
  const [zone] = useState(userZone);
  const today = todayIn(zone);
  const thisYear = Number(today.slice(0, 4));
  const [mode, setMode] = useState<Mode>('year');
  const [year, setYear] = useState(thisYear);
  const [from, setFrom] = useState(`${thisYear}-01-01`);
  const [to, setTo] = useState(today);

  const rangeError = mode === 'range' ? checkRange(from, to) : null;
  const range = useMemo(() => {
    if (mode === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` };
    return rangeError ? null : { from, to };
  }, [mode, year, from, to, rangeError]);
  const key = JSON.stringify(range);

  const [result, setResult] = useState<{ key: string; report: ComplianceReport | null; error: string | null } | null>(null);
  const calls = useRef(0);
  const load = useCallback(() => {
    if (!range) return;
    const mine = ++calls.current;
    api['compliance.report'](range).then(
      (report) => mine === calls.current && setResult({ key, report, error: null }),
      (e: unknown) => {
        if (mine !== calls.current) return;
        if (!(e instanceof ApiError)) console.error(e);
        setResult({ key, report: null, error: e instanceof ApiError ? e.message : 'Something unexpected went wrong building the report.' });
      },
    );
  }, [range, key]);
  useEffect(load, [load]);
  useChanges(WATCHED, load);

  const report = result?.key === key ? result.report : null;
  const loading = range !== null && result?.key !== key;

  const [verifying, setVerifying] = useState(false);
  const [verdict, setVerdict] = useState<{ verdict: LedgerVerdict; at: string } | null>(null);
  async function verify() {
    setVerifying(true);
    try {
      setVerdict({ verdict: await api['ledger.verify']({}), at: new Date().toISOString() });
      // The report prints what the last verification found: this one, now.
      load();
    } catch (e) {
      notifyError('Could not verify the ledger', e);
    } finally {
      setVerifying(false);
    }
  }

  const [downloading, setDownloading] = useState(false);
  async function downloadCsv() {
    if (!range) return;
    setDownloading(true);
    try {
      const { filename, csv } = await api['compliance.reportCsv'](range);
      downloadFile(filename, csv);
    } catch (e) {
      notifyError('Could not export the report', e);
    } finally {
      setDownloading(false);
    }
  }

  const years = Array.from({ length: 10 }, (_, i) => String(thisYear - i));
  const nothing = report !== null && report.entries.length === 0 && report.overrides.length === 0 && report.repayments.length === 0 && report.rewards.length === 0;
  const rangeWords = range ? formatRange(range.from, range.to) : '';

  return (
    <Stack gap="md" className="print-report" style={{ overflow: 'auto' }}>
      <Stack gap={4}>
        <Text className="print-only" size="sm">
          Liaison CRM
        </Text>
        <Title order={2} size="h3">
          Compliance report
        </Title>
        {range && (
          <Text size="sm" data-testid="report-range">
            Gifts, meals, overrides, repayments and patient rewards · {rangeWords}
            {report && <> · Generated {formatInstant(report.generatedAt, zone)}</>}
          </Text>
        )}
      </Stack>

      <Group justify="space-between" align="flex-end" gap="md" style={{ rowGap: 24 }} data-print="hide">
        <Group gap="md" align="flex-end">
          <SegmentedControl aria-label="Report for" data={MODES} value={mode} onChange={(v) => setMode(v as Mode)} />
          {mode === 'year' ? (
            <NativeSelect label="Year" data={years} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))} w={120} />
          ) : (
            <>
              <TextInput type="date" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={Boolean(rangeError)} w={170} />
              <TextInput type="date" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={rangeError} styles={BELOW} w={170} />
            </>
          )}
        </Group>
        <Group gap="sm">
          <Button variant="default" onClick={() => void downloadCsv()} loading={downloading} disabled={!range}>
            Download CSV
          </Button>
          <Button variant="default" onClick={() => void printPage(range ? `compliance-${range.from}-to-${range.to}.pdf` : 'compliance.pdf', `Compliance report ${rangeWords}`)} disabled={!report}>
            Print or save as PDF
          </Button>
          <Button variant="default" onClick={() => void verify()} loading={verifying}>
            Verify ledger
          </Button>
        </Group>
      </Group>

      {verdict && <VerifyResult verdict={verdict.verdict} at={verdict.at} zone={zone} />}

      {result?.error && result.key === key && (
        <Text c="red" role="alert">
          {result.error}
        </Text>
      )}
      {loading && report === null && <Loader size="sm" aria-label="Building the report" />}

      {report && <LedgerLine state={report.ledgerState} head={report.ledgerHead} />}

      {report && nothing && (
        <EmptyState
          title={mode === 'year' ? `Nothing logged in ${year}` : 'Nothing logged in this range'}
          body="Log gifts, meals and thank-you notes under Gifts & meals, and patient referral rewards under Patient rewards; they appear here with each physician’s share, any override or repayment, and the ledger’s hash. Logged them earlier? Choose another year or a date range."
          actions={
            <Button component={Link} to={href('/gifts')}>
              Log a gift or meal
            </Button>
          }
        />
      )}

      {report && !nothing && <ReportBody report={report} />}
    </Stack>
  );
}

/** The error hangs below the field, so the row of controls stays aligned. */
const BELOW = { root: { position: 'relative' }, wrapper: { marginBottom: 0 }, error: { position: 'absolute', whiteSpace: 'nowrap' } } as const;

function checkRange(from: string, to: string): string | null {
  if (!isDay(from) || !isDay(to)) return 'Enter both dates';
  if (from > to) return 'The report ends before it starts';
  return null;
}

export function LedgerLine({ state, head }: { state: string; head: string | null }) {
  return (
    <Stack gap={2}>
      <Text size="sm">
        <Text span fw={600} size="sm">
          Ledger:
        </Text>{' '}
        {state}
      </Text>
      <Text size="sm" data-testid="ledger-head">
        <Text span fw={600} size="sm">
          Ledger head:
        </Text>{' '}
        <span className="ledger-hash">{head ?? 'none yet (nothing has been logged on this device)'}</span>
      </Text>
    </Stack>
  );
}

const VERDICT_LOOK: Record<LedgerVerdict['state'], { title: string; color: string; role: 'status' | 'alert' }> = {
  intact: { title: 'Ledger intact', color: 'teal', role: 'status' },
  empty: { title: 'Ledger empty', color: 'gray', role: 'status' },
  incomplete: { title: 'Ledger incomplete', color: 'yellow', role: 'status' },
  broken: { title: 'Ledger broken', color: 'red', role: 'alert' },
};

function VerifyResult({ verdict, at, zone }: { verdict: LedgerVerdict; at: string; zone: string }) {
  const look = VERDICT_LOOK[verdict.state];
  const others = verdict.chains.filter((c) => !c.mine);
  return (
    <Alert color={look.color} title={look.title} role={look.role} variant="light">
      <Stack gap={4}>
        <Text size="sm">{verdict.message}</Text>
        {verdict.head && (
          <Text size="sm">
            This device’s latest hash: <span className="ledger-hash">{verdict.head}</span>
          </Text>
        )}
        {others.length > 0 && (
          <Text size="sm">
            Also checked: {others.length} other device{others.length === 1 ? '’s chain' : 's’ chains'} ({others.map((c) => `${c.records} records, ${c.state}`).join('; ')}).
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Checked {formatInstant(at, zone)}
        </Text>
      </Stack>
    </Alert>
  );
}

function ReportBody({ report }: { report: ComplianceReport }) {
  const overridesByEntry = useMemo(() => {
    const m = new Map<string, Override[]>();
    for (const o of report.overrides) m.set(o.entryId, [...(m.get(o.entryId) ?? []), o]);
    return m;
  }, [report.overrides]);
  const byId = useMemo(() => new Map(report.entries.map((e) => [e.id, e])), [report.entries]);
  const { totals } = report;
  return (
    <>
      <Section title="Totals">
        <Table aria-label="Totals" withTableBorder withColumnBorders maw={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Entries</Table.Th>
              <Table.Th>Total value</Table.Th>
              <Table.Th>Overrides</Table.Th>
              <Table.Th>Repayments</Table.Th>
              <Table.Th>Patient rewards</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{totals.entries.toLocaleString()}</Table.Td>
              <Table.Td>{formatCents(totals.totalCents)}</Table.Td>
              <Table.Td>{totals.overrides.toLocaleString()}</Table.Td>
              <Table.Td>{formatCents(totals.repaymentsCents)}</Table.Td>
              <Table.Td>{formatCents(totals.rewardsCents)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          Entries counts what was logged, not its corrections; the total value is net of corrections (a reversal counts negative).
        </Text>
      </Section>

      <Section title="Each recipient’s year against the limit">
        {report.physicians.length === 0 ? (
          <Text size="sm">Nobody named received anything in this range.</Text>
        ) : (
          <table className="report-table" aria-label="Each recipient’s year against the limit">
            <thead>
              <tr>
                <th>Recipient</th>
                <th>NPI</th>
                <th>Year</th>
                <th className="num">Received, net of repayments</th>
                <th className="num">Limit</th>
                <th>Against the limit</th>
                <th data-print="hide">Statement</th>
              </tr>
            </thead>
            <tbody>
              {report.physicians.map((p) => {
                const s = standing(p.spentCents, p.limitCents);
                return (
                  <tr key={`${p.personId}:${p.year}`}>
                    <td>{p.name}</td>
                    <td>{p.npi ?? '—'}</td>
                    <td>{p.year}</td>
                    <td className="num">{formatCents(p.spentCents)}</td>
                    <td className="num">{p.limitCents === null ? '—' : formatCents(p.limitCents)}</td>
                    <td>
                      <span className={s.over ? 'over-limit' : undefined}>{s.text}</span>
                    </td>
                    <td data-print="hide">
                      <Link className="report-link" to={href('/compliance/statement/:id/:year', { id: p.personId, year: String(p.year) })} aria-label={`Year-end statement: ${p.name}, ${p.year}`}>
                        {p.year} statement
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={`Entries (${report.entries.length.toLocaleString()})`}>
        {report.entries.length === 0 ? <Text size="sm">No gift or meal entries in this range.</Text> : <EntriesTable entries={report.entries} overridesByEntry={overridesByEntry} byId={byId} />}
      </Section>

      <Section title="Overrides">
        {report.overrides.length === 0 ? (
          <Text size="sm">No limit was overridden in this range.</Text>
        ) : (
          <table className="report-table" aria-label="Overrides">
            <thead>
              <tr>
                <th>Entry</th>
                <th>Who</th>
                <th>Role</th>
                <th>Role checked</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {report.overrides.map((o, i) => {
                const e = byId.get(o.entryId);
                return (
                  <tr key={`${o.entryId}:${i}`}>
                    <td>
                      {formatDay(o.day)}
                      {e && <> · {e.description}</>}
                    </td>
                    <td>{o.byName ?? 'Unknown'}</td>
                    <td style={{ textTransform: 'capitalize' }}>{o.byRole ?? 'unknown'}</td>
                    <td>{o.selfDeclared ? 'Self-declared' : 'Checked by the team server'}</td>
                    <td>{o.reason}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Repayments">
        {report.repayments.length === 0 ? (
          <Text size="sm">No repayments in this range.</Text>
        ) : (
          <table className="report-table" aria-label="Repayments">
            <thead>
              <tr>
                <th>Physician</th>
                <th>NPI</th>
                <th>For year</th>
                <th className="num">Repaid</th>
                <th>Repaid on</th>
                <th>Deadline</th>
              </tr>
            </thead>
            <tbody>
              {report.repayments.map((r, i) => (
                <tr key={i}>
                  <td>{r.name}</td>
                  <td>{r.npi ?? '—'}</td>
                  <td>{r.year}</td>
                  <td className="num">{formatCents(r.cents)}</td>
                  <td>{formatDay(r.repaidOn)}</td>
                  <td>{formatDay(r.deadline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Patient rewards">
        {report.rewards.length === 0 ? (
          <Text size="sm">No patient referral rewards in this range.</Text>
        ) : (
          <table className="report-table" aria-label="Patient rewards">
            <thead>
              <tr>
                <th>Date</th>
                <th>Referral code</th>
                <th>Description</th>
                <th className="num">Value</th>
              </tr>
            </thead>
            <tbody>
              {report.rewards.map((r, i) => (
                <tr key={i}>
                  <td>{formatDay(r.day)}</td>
                  <td>{r.referralCode}</td>
                  <td>{r.description}</td>
                  <td className="num">{formatCents(r.cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/**
 * One plain row per entry (thousands render fine): memoised, so verifying the ledger or a
 * notification does not redraw it.
 */
const EntriesTable = memo(function EntriesTable({ entries, overridesByEntry, byId }: { entries: Entry[]; overridesByEntry: Map<string, Override[]>; byId: Map<string, Entry> }) {
  const reversed = useMemo(() => new Set(entries.flatMap((e) => (e.reverses ? [e.reverses] : []))), [entries]);
  return (
    <table className="report-table fixed" aria-label="Entries">
      <colgroup>
        <col style={{ width: '9em' }} />
        <col style={{ width: '8em' }} />
        <col style={{ width: '13%' }} />
        <col />
        <col style={{ width: '7em' }} />
        <col style={{ width: '5em' }} />
        <col style={{ width: '22%' }} />
        <col style={{ width: '8em' }} />
      </colgroup>
      <thead>
        <tr>
          <th>Date</th>
          <th>Kind</th>
          <th>Office</th>
          <th>Description</th>
          <th className="num">Total</th>
          <th className="num">People</th>
          <th>Allocation</th>
          <th>Logged by</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const named = e.shares.reduce((a, s) => a + s.cents, 0);
          const others = e.peopleSharing - e.shares.length;
          const rest = e.totalCents - named;
          const original = e.reverses ? byId.get(e.reverses) : undefined;
          return (
            <tr key={e.id}>
              <td style={{ whiteSpace: 'nowrap' }}>{formatDay(e.day)}</td>
              <td>{ENTRY_KIND_LABELS[e.kind]}</td>
              <td>{e.officeName}</td>
              <td>
                {e.description}
                {e.vendor && <div>Vendor: {e.vendor}</div>}
                {e.reverses && <div>Correction: reverses {original ? `the entry of ${formatDay(original.day)}` : 'an entry outside this range'}{e.reason ? ` (${e.reason})` : ''}</div>}
                {reversed.has(e.id) && <div>Reversed by a later correction</div>}
                {(overridesByEntry.get(e.id) ?? []).map((o, i) => (
                  <div key={i}>
                    <strong>Over the limit, overridden</strong> by {o.byName ?? 'unknown'} ({o.byRole ?? 'role unknown'}
                    {o.selfDeclared ? ', self-declared' : ''})
                  </div>
                ))}
              </td>
              <td className="num" style={{ whiteSpace: 'nowrap' }}>
                {formatCents(e.totalCents)}
              </td>
              <td className="num">{e.peopleSharing}</td>
              <td>
                {e.shares.map((s, i) => (
                  <div key={i}>
                    {s.name}
                    {s.kind === 'physician' ? '' : ` (${s.kind})`}: {formatCents(s.cents)}
                  </div>
                ))}
                {others > 0 && rest !== 0 && (
                  <div>
                    {others} other{others === 1 ? '' : 's'}, not named: {formatCents(rest)}
                  </div>
                )}
              </td>
              <td>{e.loggedBy ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
