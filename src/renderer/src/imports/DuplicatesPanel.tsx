import { Alert, Select, Stack, Table, Text } from '@mantine/core';
import type { OfficePreview } from '../../../shared/imports/contract';
import { EXISTING_ACTIONS, REPEAT_ACTIONS, type ExistingAction, type MatchReason, type RepeatAction } from '../../../shared/imports/matching';

type Matches = OfficePreview['matches'];

const EXISTING_LABELS: Record<ExistingAction, string> = {
  skip: 'Skip (keep the app’s)',
  update: 'Update the app’s with the file’s filled cells',
  keep: 'Keep both (add another office)',
};
const REPEAT_LABELS: Record<RepeatAction, string> = {
  merge: 'Merge into the earlier row’s office',
  keep: 'Keep as another office',
};
const existingOptions = EXISTING_ACTIONS.map((a) => ({ value: a, label: EXISTING_LABELS[a] }));
const repeatOptions = REPEAT_ACTIONS.map((a) => ({ value: a, label: REPEAT_LABELS[a] }));

interface Props {
  matches: Matches;
  busy: boolean;
  onReason(reason: MatchReason, action: ExistingAction): void;
  onRow(row: number, action: ExistingAction | RepeatAction): void;
}

/**
 * Offices the app already has and rows repeating an earlier one, each with why: a rule per reason
 * applies to all of them, and any row can be set on its own.
 */
export function DuplicatesPanel({ matches, busy, onReason, onRow }: Props) {
  if (matches.total === 0) return null;
  return (
    <Alert color="yellow" title={`${matches.total.toLocaleString()} possible ${matches.total === 1 ? 'duplicate' : 'duplicates'}`}>
      <Stack gap="sm">
        {matches.reasons.length > 0 && (
          <Table aria-label="Offices already in the app, by why they match" fz="sm" maw={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Matches an office in the app by</Table.Th>
                <Table.Th w={80}>Rows</Table.Th>
                <Table.Th w={300}>For all of them</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matches.reasons.map((r) => (
                <Table.Tr key={r.reason}>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td>{r.rows.toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={`For every row matched by: ${r.label}`}
                      data={existingOptions}
                      value={r.action}
                      allowDeselect={false}
                      disabled={busy}
                      onChange={(v) => v && onReason(r.reason, v as ExistingAction)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {matches.repeats > 0 && (
          <Text size="sm">
            {matches.repeats.toLocaleString()} {matches.repeats === 1 ? 'row repeats' : 'rows repeat'} an office named earlier in the file with different details. Merged,
            the earlier row’s values are kept where they differ and its blanks are filled from the repeat; or keep the row as an office of its own.
          </Text>
        )}
        <Table aria-label="Possible duplicates" fz="sm" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>Row</Table.Th>
              <Table.Th>In the file</Table.Th>
              <Table.Th>Same as</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th w={280}>This row</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {matches.rows.map((m) => (
              <Table.Tr key={`${m.kind}-${m.row}`}>
                <Table.Td>{m.row}</Table.Td>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>{m.kind === 'repeat' ? `${m.matchName} (row ${m.otherRow})` : `${m.matchName} (in the app)`}</Table.Td>
                <Table.Td>
                  {m.detail}
                  {m.conflicts.length > 0 && (
                    <Text size="xs" c="dimmed">
                      Differs in: {m.conflicts.join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={`Row ${m.row}: what to do`}
                    data={m.kind === 'repeat' ? repeatOptions : existingOptions}
                    value={m.action}
                    allowDeselect={false}
                    disabled={busy}
                    onChange={(v) => v && onRow(m.row, v as ExistingAction | RepeatAction)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {matches.total > matches.rows.length && (
          <Text size="xs" c="dimmed">
            The first {matches.rows.length.toLocaleString()} are listed; the rule for each reason above applies to all {matches.total.toLocaleString()}.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
