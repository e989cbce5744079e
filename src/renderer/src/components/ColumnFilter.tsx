import { MultiSelect, TextInput } from '@mantine/core';
import type { Column } from '@tanstack/react-table';

/** The filter box under a column's header, as the column's meta describes it; nothing if it has none. */
export function ColumnFilter<T>({ column }: { column: Column<T, unknown> }) {
  const f = column.columnDef.meta?.filter;
  if (!f) return null;
  const label = `Filter ${columnLabel(column.columnDef.header, column.id)}`;
  if (f.type === 'text') {
    return (
      <TextInput
        size="xs"
        aria-label={label}
        placeholder={f.placeholder}
        value={(column.getFilterValue() as string | undefined) ?? ''}
        onChange={(e) => column.setFilterValue(e.currentTarget.value || undefined)}
      />
    );
  }
  return (
    <MultiSelect
      size="xs"
      aria-label={label}
      placeholder="any"
      data={f.options}
      value={(column.getFilterValue() as string[] | undefined) ?? []}
      onChange={(v) => column.setFilterValue(v.length ? v : undefined)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** A column's name for labels: its header when that is plain text, else its id. */
export function columnLabel(header: unknown, id: string): string {
  return typeof header === 'string' ? header : id;
}
