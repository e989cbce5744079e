import { Alert, Button, Group, Loader, Modal, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useEffectEvent, useState } from 'react';
import { z } from 'zod';
import { LIMIT_KIND_LABELS, LIMIT_KINDS, LimitSave, type LimitRow } from '../../../shared/domain/gift';
import { limitFor } from '../../../shared/gifts/limits';
import { centsToDecimal, dollarsText, formatCents } from '../../../shared/money';
import { api } from '../api';
import { useChanges } from '../changes';
import { DialogActions } from '../components/DialogActions';
import { EmptyState } from '../components/EmptyState';
import { useDialogForm } from '../hooks/useDialogForm';
import { notifyDone, notifyError } from '../notify';
import { isManager } from '../../../shared/domain/team';
import { useMe } from '../team/me';
import { TEAM_ROLE_LABELS } from '../../../shared/domain/team';

type Row = z.output<typeof LimitRow>;
type Kind = (typeof LIMIT_KINDS)[number];

/** Short names for the table's first column; the full wording is in the form. */
const SHORT: Record<Kind, string> = {
  stark_nonmonetary: 'Stark: non-monetary compensation per physician per year',
  oig_nominal_item: 'OIG nominal value: per item to a patient',
  oig_nominal_patient_year: 'OIG nominal value: per patient per year',
};

/** Roles that edit the law's figures; everyone else reads them. */

/** LimitSave as the form fills it: the amount typed in dollars, the year from a number box (empty until typed). */
const LimitForm = LimitSave.extend({
  year: z.number({ error: 'Enter the year, like 2027' }).int('A whole year, like 2027').min(2000, 'A year from 2000').max(2100, 'A year up to 2100'),
  cents: z.string().pipe(dollarsText).pipe(LimitSave.shape.cents),
});

type Values = { kind: Kind; year: number | string; cents: string; source: string };

const KIND_OPTIONS = LIMIT_KINDS.map((k) => ({ value: k, label: LIMIT_KIND_LABELS[k] }));

/** Settings → the law's yearly limits: a table, and (for a manager) a year added or a figure corrected. */
export function LimitsSection() {
  const { me } = useMe();
  const [rows, setRows] = useState<Row[] | null>(null);
  /** null: closed; { row }: correcting that row; {}: adding a year */
  const [dialog, setDialog] = useState<{ row?: Row } | null>(null);
  const canEdit = isManager(me?.role);

  const load = (first: boolean) =>
    api['limits.list']({}).then(setRows, (e: unknown) => first && notifyError('Could not load the compliance limits', e));
  const loadFirst = useEffectEvent(() => void load(true));
  useEffect(() => loadFirst(), []);
  useChanges(['compliance_limits'], () => void load(false));

  const thisYear = new Date().getFullYear();

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-limits">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="settings-limits">
          Compliance limits
        </Title>
        {canEdit && rows !== null && (
          <Button size="xs" onClick={() => setDialog({})}>
            Add a year
          </Button>
        )}
      </Group>
      <Stack gap={4} mb="sm">
        <Text size="sm" c="dimmed">
          The law’s yearly value limits that every gift, meal and patient reward is checked against. They are data, not built in: the Stark figure is re-indexed every January,
          so a manager adds next year’s figure here with where it comes from.
        </Text>
        <Text size="sm" c="dimmed">
          A year with no figure of its own uses the latest earlier year’s figure, and the gift form says so when it does.
        </Text>
        {me !== undefined && !canEdit && (
          <Text size="sm" fw={500}>
            Read only: a manager or admin edits these figures{me ? ` (this computer is used by ${me.name}, ${TEAM_ROLE_LABELS[me.role]})` : ''}.
          </Text>
        )}
      </Stack>
      {rows === null ? (
        <Loader size="sm" aria-label="Loading the compliance limits" />
      ) : rows.length === 0 ? (
        <EmptyState
          title="No limits yet"
          body="Without a figure, nothing can be checked against the law’s limits. Add the current year’s Stark figure and the OIG’s nominal value, each with its source."
          actions={canEdit ? <Button onClick={() => setDialog({})}>Add a year</Button> : undefined}
        />
      ) : (
        <Table aria-label="Compliance limits" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Limit</Table.Th>
              <Table.Th>Year</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>Source</Table.Th>
              {canEdit && <Table.Th aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const found = limitFor(rows, r.kind, thisYear);
              const inUse = found?.year === r.year;
              return (
                <Table.Tr key={r.id}>
                  <Table.Td>{SHORT[r.kind]}</Table.Td>
                  <Table.Td>
                    {r.year}
                    {inUse && (
                      <Text span size="xs" c="dimmed" ml={6}>
                        {r.year === thisYear ? '(this year)' : `(used for ${thisYear})`}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatCents(r.cents)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.source}</Text>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" aria-label={`Edit ${SHORT[r.kind]}, ${r.year}`} onClick={() => setDialog({ row: r })}>
                        Edit
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <LimitFormModal
        opened={dialog !== null}
        {...(dialog?.row ? { row: dialog.row } : {})}
        rows={rows ?? []}
        onClose={() => setDialog(null)}
        onSaved={(next, v) => {
          setRows(next);
          setDialog(null);
          notifyDone(`${SHORT[v.kind]}: ${formatCents(v.cents)} for ${v.year} saved.`);
        }}
      />
    </Paper>
  );
}

/** The next year with no figure of this kind: where "Add a year" starts. */
function nextYear(rows: readonly Row[], kind: Kind): number {
  const years = rows.filter((r) => r.kind === kind).map((r) => r.year);
  return years.length ? Math.max(...years) + 1 : new Date().getFullYear();
}

function LimitFormModal({
  opened,
  row,
  rows,
  onClose,
  onSaved,
}: {
  opened: boolean;
  row?: Row;
  rows: readonly Row[];
  onClose: () => void;
  onSaved: (rows: Row[], saved: { kind: Kind; year: number; cents: number }) => void;
}) {
  const { form, saving, onSubmit, requestClose } = useDialogForm<Values>({
    opened,
    initial: () =>
      row
        ? { kind: row.kind, year: row.year, cents: centsToDecimal(row.cents), source: row.source }
        : { kind: 'stark_nonmonetary', year: nextYear(rows, 'stark_nonmonetary'), cents: '', source: '' },
    schema: LimitForm,
    onClose,
    errorTitle: 'Could not save the limit',
  });
  const v = form.getValues();
  const year = typeof v.year === 'number' && Number.isInteger(v.year) ? v.year : null;
  const own = year === null ? undefined : rows.find((r) => r.kind === v.kind && r.year === year);
  const standIn = year === null || own ? null : limitFor(rows, v.kind, year);

  const save = async (values: Values) => {
    const input = LimitForm.parse(values);
    onSaved(await api['limits.save'](input), input);
  };

  return (
    <Modal opened={opened} onClose={requestClose} title={row ? `Edit the ${row.year} figure` : 'Add a year’s limit'} size="lg">
      <form onSubmit={onSubmit(save)} noValidate>
        <Stack gap="xs">
          {row ? (
            <Text size="sm">
              {LIMIT_KIND_LABELS[row.kind]}, {row.year}
            </Text>
          ) : (
            <>
              <Select
                label="Limit"
                data={KIND_OPTIONS}
                allowDeselect={false}
                {...form.getInputProps('kind')}
                onChange={(k) => {
                  if (!k) return;
                  form.setFieldValue('kind', k as Kind);
                  if (!form.isDirty('year')) form.setFieldValue('year', nextYear(rows, k as Kind));
                }}
                comboboxProps={{ withinPortal: true }}
              />
              <NumberInput label="Year" w={140} min={2000} max={2100} allowDecimal={false} allowNegative={false} thousandSeparator="" withAsterisk {...form.getInputProps('year')} />
            </>
          )}
          <TextInput
            label="Amount (dollars)"
            description="The limit in US dollars, like 550 or 13.82"
            w={260}
            inputMode="decimal"
            leftSection="$"
            withAsterisk
            data-autofocus
            {...form.getInputProps('cents')}
          />
          <Textarea label="Source" description="Where the figure comes from, so others can check it: the CMS page, a law-firm alert…" autosize minRows={2} withAsterisk {...form.getInputProps('source')} />
          {!row && year !== null && (
            <Alert color={own ? 'yellow' : 'blue'} variant="light" role="status">
              {own
                ? `${year} already has a figure (${formatCents(own.cents)}): saving replaces it.`
                : standIn
                  ? `${year} has no figure yet, so ${standIn.year}’s (${formatCents(standIn.cents)}) is used for it, and the gift form says so. Saving this one replaces that stand-in for ${year} and later years without their own.`
                  : `No earlier figure of this kind: until one is saved, nothing in ${year} is checked against this limit.`}
            </Alert>
          )}
        </Stack>
        <DialogActions onCancel={requestClose} saving={saving} submitLabel={row ? 'Save figure' : 'Add figure'} />
      </form>
    </Modal>
  );
}
