import { Alert, List } from '@mantine/core';

function shown(v: unknown): string {
  if (Array.isArray(v)) return v.length ? v.join(', ') : 'blank';
  if (v && typeof v === 'object') return Object.values(v).filter(Boolean).join(', ') || 'blank';
  return v === null || v === undefined || v === '' ? 'blank' : String(v);
}

/**
 * Fields the user changed that someone else also changed while the form was open: said before
 * saving, with the other value, so nobody overwrites a colleague's edit without knowing.
 */
export function ConflictNotice({
  conflicts,
  labels,
  display = {},
}: {
  conflicts: Record<string, unknown>;
  /** field path → its label on the form */
  labels: Record<string, string>;
  /** field path → how the form shows a stored value (a kind's label, not its code) */
  display?: Record<string, (v: unknown) => string>;
}) {
  const keys = Object.keys(conflicts);
  if (keys.length === 0) return null;
  return (
    <Alert color="yellow" mb="sm" title="Changed elsewhere while you were editing" role="alert">
      <List size="sm">
        {keys.map((k) => (
          <List.Item key={k}>
            {labels[k] ?? k} is now “{display[k] && conflicts[k] ? display[k](conflicts[k]) : shown(conflicts[k])}”.
          </List.Item>
        ))}
      </List>
      Saving keeps your version of {keys.length === 1 ? 'this field' : 'these fields'}; every other field keeps the latest.
    </Alert>
  );
}
