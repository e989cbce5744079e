import { Alert, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { STATUS_LABELS } from '../../../shared/domain/referral';
import type { OfficeChoice, ReferralPreview } from '../../../shared/imports/contract';
import type { ApiInput } from '../api';
import { OfficePicker } from '../visits/OfficePicker';
import { ProblemList } from './ProblemList';

interface Props {
  preview: ReferralPreview;
  request: ApiInput<'imports.preview'>;
  busy: boolean;
  /** a choice for the rows of an office the app does not have; null takes it back */
  onChoice(key: string, choice: OfficeChoice | null): void;
}

const FOUND_BY: Record<ReferralPreview['matched'][number]['by'], string> = {
  npi: 'Same NPI',
  physicianNpi: 'The referring physician’s NPI',
  nameZip: 'Same name and ZIP',
  linked: 'Linked by hand in an earlier import',
  sourceId: 'The referral’s own office (found by its referral id)',
};
const DOES: Record<ReferralPreview['sample'][number]['does'], string> = {
  add: 'New',
  update: 'Updated',
  unchanged: 'Unchanged',
  wait: 'Waiting for an office',
  skip: 'Skipped',
};
const ACTIONS = [
  { value: 'link', label: 'Link to an office in the app' },
  { value: 'create', label: 'Create the office from the file' },
  { value: 'skip', label: 'Skip these referrals' },
];

const n = (x: number) => x.toLocaleString();
const rows = (x: number) => `${n(x)} ${x === 1 ? 'row' : 'rows'}`;

/** A referral import's review: new, updated and unchanged referrals; the offices found; a choice per office the app lacks; the bad rows. */
export function ReferralReview({ preview: p, request, busy, onChoice }: Props) {
  // "Link" chosen but no office picked yet: nothing to send until there is one.
  const [linking, setLinking] = useState<Record<string, boolean>>({});
  const o = p.outcome;
  return (
    <>
      <Group gap="xl" aria-label="Import summary">
        <Text>
          <b>{n(p.rowCount)}</b> {p.rowCount === 1 ? 'row' : 'rows'}
        </Text>
        <Text>
          <b>{n(o.add)}</b> new, <b>{n(o.update)}</b> updated, <b>{n(o.unchanged)}</b> unchanged
        </Text>
        {p.waiting > 0 && (
          <Text c="orange.8">
            <b>{n(p.waiting)}</b> waiting for an office
          </Text>
        )}
        {p.skipped > 0 && (
          <Text>
            <b>{n(p.skipped)}</b> skipped
          </Text>
        )}
        <Text c={p.errorCount ? 'red' : undefined}>
          <b>{n(p.errorCount)}</b> {p.errorCount === 1 ? 'row' : 'rows'} with problems
        </Text>
      </Group>
      {p.withoutSourceId > 0 && (
        <Alert color="yellow" title={`${rows(p.withoutSourceId)} without a referral id`}>
          Referrals are recognised again by the practice system’s referral id. These have none, so importing this file (or next month’s) again adds them again. Map
          the referral id column if the report has one.
        </Alert>
      )}
      {p.physiciansNotFound > 0 && (
        <Text size="sm">
          {rows(p.physiciansNotFound)} name a referring physician who is not among their office’s people in the app: those referrals are imported without a physician
          (none is added).
        </Text>
      )}
      {p.unmatched.length > 0 && (
        <Alert color="orange" title={`${n(p.unmatched.length)} ${p.unmatched.length === 1 ? 'office is' : 'offices are'} not in the app`}>
          <Text size="sm" mb="xs">
            Their referrals are not imported until you choose: link them to an office the app has, create the office from the file, or skip them.
          </Text>
          <Table aria-label="Offices not in the app" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Office in the file</Table.Th>
                <Table.Th>ZIP</Table.Th>
                <Table.Th>NPI</Table.Th>
                <Table.Th w={70}>Rows</Table.Th>
                <Table.Th>What to do</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.unmatched.map((g) => {
                const action = linking[g.key] ? 'link' : (g.choice?.action ?? null);
                return (
                  <Table.Tr key={g.key}>
                    <Table.Td>{g.name}</Table.Td>
                    <Table.Td>{g.zip ?? '—'}</Table.Td>
                    <Table.Td>{g.npi ?? '—'}</Table.Td>
                    <Table.Td>{n(g.rows)}</Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        <Select
                          aria-label={`What to do with ${g.name}`}
                          placeholder="Choose…"
                          size="xs"
                          data={ACTIONS}
                          value={action}
                          disabled={busy}
                          onChange={(v) => {
                            setLinking((l) => ({ ...l, [g.key]: v === 'link' }));
                            if (v === 'create' || v === 'skip') onChoice(g.key, { action: v });
                            else if (g.choice) onChoice(g.key, null);
                          }}
                          comboboxProps={{ withinPortal: true }}
                        />
                        {action === 'link' && (
                          <OfficePicker
                            label={`Office in the app for ${g.name}`}
                            value={g.choice?.action === 'link' ? g.choice.officeId : null}
                            onChange={(id) => {
                              if (!id) return;
                              setLinking((l) => ({ ...l, [g.key]: false }));
                              onChoice(g.key, { action: 'link', officeId: id });
                            }}
                          />
                        )}
                        {g.linkedName && (
                          <Text size="xs" c="dimmed">
                            Linked to {g.linkedName}
                          </Text>
                        )}
                        {g.suggested && !g.choice && (
                          <Group gap={6} wrap="nowrap">
                            <Text size="xs">Perhaps {g.suggested.name}, at the same ZIP?</Text>
                            <Button
                              size="compact-xs"
                              variant="light"
                              disabled={busy}
                              aria-label={`Link ${g.name} to ${g.suggested.name}`}
                              onClick={() => {
                                setLinking((l) => ({ ...l, [g.key]: false }));
                                onChoice(g.key, { action: 'link', officeId: g.suggested!.id });
                              }}
                            >
                              Link
                            </Button>
                          </Group>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Alert>
      )}
      {p.matched.length > 0 && (
        <Table aria-label="Offices found in the app" withTableBorder fz="sm" maw={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Office in the app</Table.Th>
              <Table.Th>Found by</Table.Th>
              <Table.Th w={70}>Rows</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.matched.map((m) => (
              <Table.Tr key={m.officeId}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>{FOUND_BY[m.by]}</Table.Td>
                <Table.Td>{n(m.rows)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {p.errorCount > 0 && <ProblemList preview={p} request={request} />}
      {p.sample.length > 0 && (
        <Table aria-label="First referrals in the file" withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Received</Table.Th>
              <Table.Th>Office</Table.Th>
              <Table.Th>Service line</Table.Th>
              <Table.Th>Status in the file</Table.Th>
              <Table.Th>Import</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.sample.map((s) => (
              <Table.Tr key={s.row}>
                <Table.Td>{s.row}</Table.Td>
                <Table.Td>{s.receivedOn}</Table.Td>
                <Table.Td>{s.office}</Table.Td>
                <Table.Td>{s.serviceLine}</Table.Td>
                <Table.Td>{STATUS_LABELS[s.status]}</Table.Td>
                <Table.Td>{DOES[s.does]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
