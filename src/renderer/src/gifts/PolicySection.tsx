import { Alert, Badge, Button, Group, Loader, MultiSelect, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useEffectEvent, useState } from 'react';
import { z } from 'zod';
import { ENTRY_KIND_LABELS, GiftPolicyShape } from '../../../shared/domain/gift';
import { DEFAULT_POLICY, ENTRY_KINDS } from '../../../shared/gifts/check';
import { centsToDecimal, readDollars } from '../../../shared/money';
import { api } from '../api';
import { useChanges } from '../changes';
import { applyServerErrors, zodFormErrors } from '../formErrors';
import { notifyDone, notifyError } from '../notify';
import { useMe } from '../team/me';
import { isManager } from '../../../shared/domain/team';

type Policy = z.output<typeof GiftPolicyShape>;
type Values = { warnPercent: number | string; perOccasion: string; perPersonMeal: string; staffPerYear: string; forbiddenKinds: string[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Cash equivalents are refused by law whatever the practice says, so they are not an option to untick. */
const KIND_OPTIONS = ENTRY_KINDS.filter((k) => k !== 'cash_equivalent').map((k) => ({ value: k, label: ENTRY_KIND_LABELS[k] }));

/** A cap typed in dollars: empty is "no cap". */
const capText = z.string().transform((s, ctx) => {
  if (s.trim() === '') return null;
  const r = readDollars(s);
  if ('error' in r) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.cents;
});

const PolicyForm = z.object({
  warnPercent: z.number({ error: 'Enter a percentage, like 80' }).int('A whole percentage, like 80').min(10, 'Warn at 10% or more').max(100, 'Warn at 100% at most'),
  perOccasion: capText,
  perPersonMeal: capText,
  staffPerYear: capText,
  forbiddenKinds: z.array(z.enum(ENTRY_KINDS)),
});

const valuesOf = (p: Policy): Values => ({
  warnPercent: Math.round(p.warnAt * 100),
  perOccasion: p.perOccasionCents === null ? '' : centsToDecimal(p.perOccasionCents),
  perPersonMeal: p.perPersonMealCents === null ? '' : centsToDecimal(p.perPersonMealCents),
  staffPerYear: p.staffPerYearCents === null ? '' : centsToDecimal(p.staffPerYearCents),
  forbiddenKinds: p.forbiddenKinds.filter((k) => k !== 'cash_equivalent'),
});

function policyOf(v: Values): Policy {
  const f = PolicyForm.parse(v);
  return {
    warnAt: f.warnPercent / 100,
    perOccasionCents: f.perOccasion,
    perPersonMealCents: f.perPersonMeal,
    staffPerYearCents: f.staffPerYear,
    forbiddenKinds: f.forbiddenKinds,
  };
}

/** The server names GiftPolicyShape's fields; the form's are in dollars and percent. */
const FIELD_OF: Record<string, keyof Values> = {
  warnAt: 'warnPercent',
  perOccasionCents: 'perOccasion',
  perPersonMealCents: 'perPersonMeal',
  staffPerYearCents: 'staffPerYear',
  forbiddenKinds: 'forbiddenKinds',
};
const onFormFields = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([path, message]) => [FIELD_OF[path.split('.')[0] ?? ''] ?? path, message]));

const CAP = { w: 200, inputMode: 'decimal' as const, leftSection: '$', placeholder: 'No cap' };

/** Settings → the practice's own gift policy, on top of the law: caps, forbidden kinds, when to warn. */
export function PolicySection() {
  const { me } = useMe();
  // Whoever may loosen the policy could skip a manager's override: the server refuses others too.
  const canEdit = isManager(me?.role);
  const [saved, setSaved] = useState<Policy | null>(null);
  /** what someone else saved while this form had unsaved changes */
  const [elsewhere, setElsewhere] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf({ ...DEFAULT_POLICY, forbiddenKinds: [] }),
    validate: (values) => zodFormErrors(PolicyForm.safeParse(values)),
    validateInputOnBlur: true,
  });

  const take = (p: Policy) => {
    setSaved(p);
    setElsewhere(false);
    const values = valuesOf(p);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
  };

  const load = (first: boolean) =>
    api['giftPolicy.get']({}).then(
      (p) => {
        // Typing in progress is never overwritten: the user is told, and chooses.
        if (!first && form.isDirty()) {
          setSaved(p);
          setElsewhere(!same(valuesOf(p), form.getValues()));
        } else take(p);
      },
      (e: unknown) => first && notifyError('Could not load the gift policy', e),
    );
  const loadFirst = useEffectEvent(() => void load(true));
  useEffect(() => loadFirst(), []);
  useChanges(['settings'], () => void load(false));

  async function save(values: Values) {
    setBusy(true);
    try {
      take(await api['giftPolicy.save'](policyOf(values)));
      notifyDone('Gift policy saved.');
    } catch (e) {
      if (!applyServerErrors(e, (errs) => form.setErrors(onFormFields(errs)))) notifyError('Could not save the gift policy', e);
    } finally {
      setBusy(false);
    }
  }

  const atDefaults = saved !== null && same(valuesOf(saved), valuesOf({ ...DEFAULT_POLICY, forbiddenKinds: [] }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-gift-policy">
      <Group gap="sm" mb="xs">
        <Title order={3} size="h4" id="settings-gift-policy">
          Gift policy
        </Title>
        {saved && (
          <Badge variant="light" color={atDefaults ? 'gray' : 'teal'}>
            {atDefaults ? 'Defaults' : 'Set for this practice'}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        The practice’s own rules, checked with the law’s limits before a gift or meal is saved. Amounts are in dollars; leave a cap empty for no cap.
      </Text>
      {saved === null ? (
        <Loader size="sm" aria-label="Loading the gift policy" />
      ) : (
        <form noValidate onSubmit={form.onSubmit((v) => void save(v))}>
          {elsewhere && (
            <Alert color="yellow" mb="sm" title="Changed elsewhere while you were editing" role="alert">
              <Group justify="space-between">
                <Text size="sm">Someone saved another gift policy. Saving yours replaces theirs.</Text>
                <Button size="xs" variant="default" onClick={() => take(saved)}>
                  Show their policy
                </Button>
              </Group>
            </Alert>
          )}
          {!canEdit && (
            <Text size="sm" mb="sm">
              A manager or admin sets the practice’s gift policy.
            </Text>
          )}
          <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm" maw={640}>
            <NumberInput
              label="Warn at (% of a limit)"
              description="The gift form warns at this share of any limit. Default 80%."
              w={320}
              min={10}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              rightSection="%"
              {...form.getInputProps('warnPercent')}
            />
            <Group align="flex-start" gap="md">
              <TextInput label="Per-occasion cap" description="The most one entry may cost in all" {...CAP} {...form.getInputProps('perOccasion')} />
              <TextInput label="Per-person meal cap" description="The most one person’s share of a meal may be" {...CAP} {...form.getInputProps('perPersonMeal')} />
              <TextInput label="Staff yearly cap" description="The most one staff member may receive in a year" {...CAP} {...form.getInputProps('staffPerYear')} />
            </Group>
            <MultiSelect
              label="Kinds the practice forbids"
              description="Entries of these kinds are refused for everyone, with no override."
              placeholder={form.getValues().forbiddenKinds.length ? undefined : 'None'}
              data={KIND_OPTIONS}
              clearable
              {...form.getInputProps('forbiddenKinds')}
              comboboxProps={{ withinPortal: true }}
            />
            <Text size="sm">
              <b>Gift cards and other cash equivalents are always forbidden</b>, for every recipient, by law (Stark and the Anti-Kickback Statute); this is not a setting.
            </Text>
          </Stack>
          </fieldset>
          <Group mt="md" gap="sm" display={canEdit ? undefined : 'none'}>
            <Button type="submit" loading={busy} disabled={!form.isDirty()}>
              Save gift policy
            </Button>
            {form.isDirty() && (
              <Button variant="subtle" onClick={() => take(saved)}>
                Undo my changes
              </Button>
            )}
          </Group>
        </form>
      )}
    </Paper>
  );
}
