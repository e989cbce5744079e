import type { RowData } from '@tanstack/react-table';

/** How a column is filtered on the server: free text, or any of a fixed set of values. */
export type ColumnFilterKind = { type: 'text'; placeholder: string } | { type: 'multi'; options: { value: string; label: string }[] };

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** pixels; the table lays out fixed, so rows never reflow while blocks arrive */
    width: number;
    filter?: ColumnFilterKind;
    /** TanStack's declaration has these type parameters; this meta needs neither */
    _types?: [TData, TValue];
  }
}
