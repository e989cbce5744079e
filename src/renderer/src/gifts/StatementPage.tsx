import './print.css';
import { Anchor, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { href, Link, useParams } from 'react-router';
import { ENTRY_KIND_LABELS } from '../../../shared/domain/gift';
import { formatCents } from '../../../shared/money';
import { ApiError, api, type ApiOutput } from '../api';
import { useChanges } from '../changes';
import { EmptyState } from '../components/EmptyState';
import { userZone } from '../visits/dates';
import { formatDay, printPage } from '../reports/print';
import { formatInstant, LedgerLine, standing } from './ComplianceReportPage';

type Statement = ApiOutput<'compliance.statement'>;

const WATCHED = ['gift_entries', 'gift_shares', 'gift_repayments', 'ledger', 'compliance_limits', 'people', 'offices'];

/** A physician's year-end statement: what they received in the year, against the limit, printable. */
export function StatementPage() {
  const { id = '', year: yearParam = '' } = useParams();
  const [zone] = useState(userZone);
  const year = /^\d{4}$/.test(yearParam) ? Number(yearParam) : NaN;
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  const key = `${id}:${yearParam}`;
  const [result, setResult] = useState<{ key: string; statement: Statement | null; error: string | null } | null>(null);
  const calls = useRef(0);
  const load = useCallback(() => {
    if (!valid) return;
    const mine = ++calls.current;
    api['compliance.statement']({ personId: id, year }).then(
      (statement) => mine === calls.current && setResult({ key, statement, error: null }),
      (e: unknown) => {
        if (mine !== calls.current) return;
        if (!(e instanceof ApiError)) console.error(e);
        setResult({ key, statement: null, error: e instanceof ApiError ? e.message : 'Something unexpected went wrong building the statement.' });
      },
    );
  }, [id, year, valid, key]);
  useEffect(load, [load]);
  useChanges(WATCHED, load);

  const statement = result?.key === key ? result.statement : null;
  const error = valid ? (result?.key === key ? result.error : null) : `“${yearParam}” is not a year.`;

  return (
    <Stack gap="md" className="print-report" style={{ overflow: 'auto' }}>
      <Stack gap={4}>
        <Text className="print-only" size="sm">
          Liaison CRM
        </Text>
        <Title order={2} size="h3">
          Year-end statement{statement ? `: ${statement.name}, ${statement.year}` : ''}
        </Title>
        {statement && (
          <Text size="sm">
            {[statement.npi ? `NPI ${statement.npi}` : 'No NPI on file', statement.officeName, `Gifts and meals received Jan 1 – Dec 31, ${statement.year}`].join(' · ')} · Generated{' '}
            {formatInstant(statement.generatedAt, zone)}
          </Text>
        )}
      </Stack>

      <Group gap="sm" data-print="hide">
        <Anchor component={Link} to={href('/compliance')} size="sm">
          Back to the compliance report
        </Anchor>
        {statement && (
          <Button variant="default" onClick={() => void printPage(`statement-${statement.name.replace(/[^\w-]+/g, '-')}-${statement.year}.pdf`, `Year-end statement ${statement.name} ${statement.year}`)}>
            Print or save as PDF
          </Button>
        )}
      </Group>

      {error && (
        <Text c="red" role="alert">
          {error}
        </Text>
      )}
      {valid && !statement && !error && <Loader size="sm" aria-label="Building the statement" />}
      {statement && <StatementBody s={statement} />}
    </Stack>
  );
}

function StatementBody({ s }: { s: Statement }) {
  const net = s.receivedCents - s.repaidCents;
  const st = standing(net, s.limitCents);
  return (
    <>
      <Table aria-label="Summary" withTableBorder withColumnBorders maw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right">Received</Table.Th>
            <Table.Th ta="right">Repaid</Table.Th>
            <Table.Th ta="right">Counted toward the limit</Table.Th>
            <Table.Th ta="right">Limit for {s.year}</Table.Th>
            <Table.Th>Against the limit</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td ta="right">{formatCents(s.receivedCents)}</Table.Td>
            <Table.Td ta="right">{formatCents(s.repaidCents)}</Table.Td>
            <Table.Td ta="right">{formatCents(net)}</Table.Td>
            <Table.Td ta="right">{s.limitCents === null ? '—' : formatCents(s.limitCents)}</Table.Td>
            <Table.Td>
              <span className={st.over ? 'over-limit' : undefined}>
                {st.text}
                {s.repaidCents > 0 ? `, after repaying ${formatCents(s.repaidCents)}` : ''}
              </span>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm" data-testid="limit-source">
        <Text span fw={600} size="sm">
          Limit source:
        </Text>{' '}
        {s.limitSource ?? 'No yearly limit applies to this person (the Stark limit is for physicians).'}
      </Text>

      <Stack gap="xs" component="section" aria-label="What was received">
        <Title order={3} size="h4">
          What {s.name} received in {s.year}
        </Title>
        {s.items.length === 0 ? (
          <EmptyState title={`Nothing received in ${s.year}`} body="No gift, meal or item logged for this person in the year. Entries logged under Gifts & meals appear here with this person’s share." />
        ) : (
          <table className="report-table" aria-label={`What ${s.name} received in ${s.year}`}>
            <thead>
              <tr>
                <th>Date</th>
                <th>Kind</th>
                <th>Description</th>
                <th>Office</th>
                <th className="num">Their share</th>
              </tr>
            </thead>
            <tbody>
              {s.items.map((i, n) => (
                <tr key={n}>
                  <td style={{ whiteSpace: 'nowrap' }}>{formatDay(i.day)}</td>
                  <td>{ENTRY_KIND_LABELS[i.kind]}</td>
                  <td>
                    {i.description}
                    {i.cents < 0 ? ' (correction)' : ''}
                  </td>
                  <td>{i.officeName}</td>
                  <td className="num">{formatCents(i.cents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={4}>Total received</th>
                <th className="num">{formatCents(s.receivedCents)}</th>
              </tr>
            </tfoot>
          </table>
        )}
      </Stack>

      <LedgerLine state="Compliance records are kept in a hash-chained ledger; this is its latest hash when the statement was made." head={s.ledgerHead} />
    </>
  );
}
