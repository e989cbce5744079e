import { Checkbox, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { memo, useCallback, useDeferredValue, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import type { SpecField } from '../../../shared/imports/specs';

type Field = string;

interface Props {
  /** the fields of what is being imported (offices, referrals) */
  fields: readonly SpecField[];
  headers: string[];
  example: string[];
  mapping: (Field | null)[];
  setMapping: Dispatch<SetStateAction<(Field | null)[]>>;
  /** columns never imported, by column, with why */
  refused: ReadonlyMap<number, string>;
}

/**
 * One row per column of the file. A registry file has 330 columns: rows are memoised so choosing
 * a field re-renders the two rows it changes, not all of them, and a search box finds a column by
 * its header, its first value or the field it imports as.
 */
export function MappingTable({ fields, headers, example, mapping, setMapping, refused }: Props) {
  // A native select per column: a registry file has 330 of them, and the browser's own control costs a fraction of a custom one to draw (and types ahead to find a field).
  const options = useMemo(() => [{ value: '', label: 'Don’t import' }, ...fields.map((f) => ({ value: f.key, label: f.label }))], [fields]);
  const label = useMemo(() => new Map<string, string>(fields.map((f) => [f.key, f.label])), [fields]);
  const [search, setSearch] = useState('');
  const [onlyMapped, setOnlyMapped] = useState(false);
  const query = useDeferredValue(search.trim().toLowerCase());
  // Stable across changes, so only the rows whose field changed re-render.
  const setField = useCallback(
    (col: number, field: Field | null) => setMapping((m) => m.map((x, j) => (j === col ? field : x === field ? null : x))),
    [setMapping],
  );
  const visible = useMemo(
    () =>
      headers
        .map((_, i) => i)
        .filter((i) => (!onlyMapped || mapping[i]) && (!query || `${headers[i]}\u0000${example[i] ?? ''}\u0000${label.get(mapping[i] ?? '') ?? refused.get(i) ?? ''}`.toLowerCase().includes(query))),
    [headers, example, mapping, onlyMapped, query, label, refused],
  );
  const mappedCount = mapping.filter(Boolean).length;
  return (
    <>
      {headers.length > 12 && (
        <Group align="end">
          <TextInput
            label="Find a column"
            placeholder="Header, value or field"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={320}
          />
          <Checkbox label={`Only the ${mappedCount} columns that import`} checked={onlyMapped} onChange={(e) => setOnlyMapped(e.currentTarget.checked)} mb={8} />
        </Group>
      )}
      <Table aria-label="Column mapping" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Column in your file</Table.Th>
            <Table.Th>First row</Table.Th>
            <Table.Th>Imports as</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {visible.map((i) => (
            <MappingRow key={i} col={i} header={headers[i]!} example={example[i] ?? ''} field={mapping[i] ?? null} options={options} refused={refused.get(i) ?? null} onPick={setField} />
          ))}
        </Table.Tbody>
      </Table>
      {visible.length === 0 && (
        <Text size="sm" c="dimmed">
          No column matches “{search}”.
        </Text>
      )}
    </>
  );
}

const MappingRow = memo(function MappingRow(props: {
  col: number;
  header: string;
  example: string;
  field: Field | null;
  options: { value: string; label: string }[];
  /** why this column is never imported: said instead of a choice */
  refused: string | null;
  onPick(col: number, field: Field | null): void;
}) {
  const { col, header, example, field, options, refused, onPick } = props;
  return (
    <Table.Tr>
      <Table.Td>{header || <em>(no header)</em>}</Table.Td>
      <Table.Td c="dimmed" style={{ maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {example}
      </Table.Td>
      <Table.Td>
        {refused ? (
          <Text size="xs" c="red.8" aria-label={`Why column ${header || col + 1} is not imported`}>
            Not imported: {refused}
          </Text>
        ) : (
          <NativeSelect
            aria-label={`Field for column ${header || col + 1}`}
            size="xs"
            data={options}
            value={field ?? ''}
            onChange={(e) => onPick(col, e.currentTarget.value || null)}
          />
        )}
      </Table.Td>
    </Table.Tr>
  );
});
