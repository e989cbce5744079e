import { Button, Checkbox, Menu } from '@mantine/core';
import type { ColumnDef, VisibilityState } from '@tanstack/react-table';
import { columnLabel } from './ColumnFilter';

/** Show or hide a table's columns; columns declared `enableHiding: false` are always shown and not listed. */
export function ColumnsMenu<T>({ columns, visibility, onChange }: { columns: ColumnDef<T>[]; visibility: VisibilityState; onChange: (v: VisibilityState) => void }) {
  return (
    <Menu closeOnItemClick={false} position="bottom-end">
      <Menu.Target>
        <Button variant="default">Columns</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {columns
          .filter((c) => c.enableHiding !== false && c.id)
          .map((c) => (
            <Menu.Item key={c.id} component="div">
              <Checkbox
                label={columnLabel(c.header, c.id!)}
                checked={visibility[c.id!] !== false}
                onChange={(e) => onChange({ ...visibility, [c.id!]: e.currentTarget.checked })}
              />
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );
}
