import { Checkbox, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { memo, useCallback, useDeferredValue, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { IMPORT_FIELDS, type ImportField } from '../../../shared/imports/fields';

// A native select per column: a registry file has 330 of them, and the browser's own control costs a fraction of a custom one to draw (and types ahead to find a field).
const FIELD_OPTIONS = [{ value: '', label: 'Don’t import' }, ...IMPORT_FIELDS.map((f) => ({ value: f.key, label: f.label }))];
const LABEL = new Map<string, string>(IMPORT_FIELDS.map((f) => [f.key, f.label]));

interface Props {
  headers: string[];
  example: string[];
  mapping: (ImportField | null)[];
  setMapping: Dispatch<SetStateAction<(ImportField | null)[]>>;
}

/**
 * One row per column of the file. A registry file has 330 columns: rows are memoised so choosing
 * a field re-renders the two rows it changes, not all of them, and a search box finds a column by
 * its header, its first value or the field it imports as.
 */
export function MappingTable({ headers, example, mapping, setMapping }: Props) {
  const [search, setSearch] = useState('');
  const [onlyMapped, setOnlyMapped] = useState(false);
  const query = useDeferredValue(search.trim().toLowerCase());
  // Stable across changes, so only the rows whose field changed re-render.
  const setField = useCallback(
    (col: number, field: ImportField | null) => setMapping((m) => m.map((x, j) => (j === col ? field : x === field ? null : x))),
    [setMapping],
  );
  const visible = useMemo(
    () =>
      headers
        .map((_, i) => i)
        .filter((i) => (!onlyMapped || mapping[i]) && (!query || `${headers[i]}\u0000${example[i] ?? ''}\u0000${LABEL.get(mapping[i] ?? '') ?? ''}`.toLowerCase().includes(query))),
    [headers, example, mapping, onlyMapped, query],
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
            <MappingRow key={i} col={i} header={headers[i]!} example={example[i] ?? ''} field={mapping[i] ?? null} onPick={setField} />
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
  field: ImportField | null;
  onPick(col: number, field: ImportField | null): void;
}) {
  const { col, header, example, field, onPick } = props;
  return (
    <Table.Tr>
      <Table.Td>{header || <em>(no header)</em>}</Table.Td>
      <Table.Td c="dimmed" style={{ maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {example}
      </Table.Td>
      <Table.Td>
        <NativeSelect
          aria-label={`Field for column ${header || col + 1}`}
          size="xs"
          data={FIELD_OPTIONS}
          value={field ?? ''}
          onChange={(e) => onPick(col, (e.currentTarget.value || null) as ImportField | null)}
        />
      </Table.Td>
    </Table.Tr>
  );
});
