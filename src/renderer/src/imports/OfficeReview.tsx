import { Group, Table, Text } from '@mantine/core';
import type { OfficePreview } from '../../../shared/imports/contract';
import type { ExistingAction, MatchReason, RepeatAction } from '../../../shared/imports/matching';
import type { ApiInput, ApiOutput } from '../api';
import { NppesSummary } from '../nppes/NppesSummary';
import { DuplicatesPanel } from './DuplicatesPanel';
import { ProblemList } from './ProblemList';

interface Props {
  preview: OfficePreview;
  request: ApiInput<'imports.preview'>;
  busy: boolean;
  onReason(reason: MatchReason, action: ExistingAction): void;
  onRow(row: number, action: ExistingAction | RepeatAction): void;
  attach: Record<string, string>;
  setAttach(next: Record<string, string>): void;
  onPreview(p: ApiOutput<'imports.preview'>): void;
}

/** An office import's review: what the file comes to, the possible duplicates with their choices, the bad rows, the first offices. */
export function OfficeReview({ preview, request, busy, onReason, onRow, attach, setAttach, onPreview }: Props) {
  return (
    <>
      <Group gap="xl" aria-label="Import summary">
        <Text>
          <b>{preview.rowCount.toLocaleString()}</b> {preview.rowCount === 1 ? 'row' : 'rows'}
        </Text>
        <Text>
          <b>{preview.newOffices.toLocaleString()}</b> new {preview.newOffices === 1 ? 'office' : 'offices'}
        </Text>
        <Text>
          <b>{preview.duplicateOffices.toLocaleString()}</b> already in the app ({preview.outcome.update.toLocaleString()} updated, {preview.outcome.skip.toLocaleString()} skipped,{' '}
          {(preview.duplicateOffices - preview.outcome.update - preview.outcome.skip).toLocaleString()} added again)
        </Text>
        <Text>
          <b>{preview.people.toLocaleString()}</b> {preview.people === 1 ? 'person' : 'people'}
        </Text>
        <Text title={preview.newTeamMemberNames.join(', ')}>
          <b>{preview.newTeamMembers.toLocaleString()}</b> new team {preview.newTeamMembers === 1 ? 'member' : 'members'}
        </Text>
        <Text c={preview.errorCount ? 'red' : undefined}>
          <b>{preview.errorCount.toLocaleString()}</b> {preview.errorCount === 1 ? 'row' : 'rows'} with problems
        </Text>
      </Group>
      {preview.newTeamMembers > 0 && (
        <Text size="sm">
          The Liaison column names {preview.newTeamMembers === 1 ? 'someone' : 'people'} not on the team yet; the import adds {preview.newTeamMemberNames.join(', ')}
          {preview.newTeamMembers > preview.newTeamMemberNames.length ? ` and ${preview.newTeamMembers - preview.newTeamMemberNames.length} more` : ''} as{' '}
          {preview.newTeamMembers === 1 ? 'a liaison' : 'liaisons'}.
        </Text>
      )}
      <DuplicatesPanel matches={preview.matches} busy={busy} onReason={onReason} onRow={onRow} />
      {preview.nppes && <NppesSummary summary={preview.nppes} request={request} attach={attach} setAttach={setAttach} onPreview={onPreview} />}
      {preview.errorCount > 0 && <ProblemList preview={preview} request={request} />}
      {preview.sample.length > 0 && (
        <Table aria-label="First offices in the file" withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Office</Table.Th>
              <Table.Th>City</Table.Th>
              <Table.Th>ZIP</Table.Th>
              <Table.Th>NPI</Table.Th>
              <Table.Th>People</Table.Th>
              <Table.Th>Already in the app as</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.sample.map((s) => (
              <Table.Tr key={s.row}>
                <Table.Td>{s.row}</Table.Td>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{s.city}</Table.Td>
                <Table.Td>{s.zip}</Table.Td>
                <Table.Td>{s.npi}</Table.Td>
                <Table.Td>{s.people}</Table.Td>
                <Table.Td>{s.duplicateOf ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
