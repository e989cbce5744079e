import { Button, Group, Loader, Modal, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useEffectEvent, useState } from 'react';
import { z } from 'zod';
import { ThankYouTemplate, ThankYouTemplates } from '../../../shared/domain/gift';
import { newId } from '../../../shared/ids';
import { api } from '../api';
import { useChanges } from '../changes';
import { DialogActions } from '../components/DialogActions';
import { EmptyState } from '../components/EmptyState';
import { useDialogForm } from '../hooks/useDialogForm';
import { notifyDone, notifyError, notifyWithUndo } from '../notify';

type Template = z.output<typeof ThankYouTemplate>;
type Values = { name: string; body: string };

const PLACEHOLDERS = ['firstName', 'lastName'];
const SAMPLE = { firstName: 'Ada', lastName: 'Park' };

/** A note's words with the placeholders filled (for the preview). */
export const fillTemplate = (body: string, who: { firstName: string; lastName: string }) => body.replace(/\{(firstName|lastName)\}/g, (_, k: 'firstName' | 'lastName') => who[k]);

/** ThankYouTemplate's name and body, plus: a placeholder the app would not fill is a typo the user should see now. */
const TemplateForm = ThankYouTemplate.pick({ name: true, body: true }).superRefine((v, ctx) => {
  const unknown = [...v.body.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '').filter((p) => !PLACEHOLDERS.includes(p));
  if (unknown.length) ctx.addIssue({ code: 'custom', path: ['body'], message: `{${unknown[0]}} is not a placeholder the app fills: use {firstName} or {lastName}` });
});

/** Settings → the few thank-you notes a doctor or liaison starts from; a note names its referrer by placeholders. */
export function TemplatesSection() {
  const [templates, setTemplates] = useState<Template[] | null>(null);
  /** null: closed; { template }: editing it; {}: adding one */
  const [dialog, setDialog] = useState<{ template?: Template } | null>(null);

  const load = (first: boolean) =>
    api['thankYou.templates']({}).then(setTemplates, (e: unknown) => first && notifyError('Could not load the thank-you templates', e));
  const loadFirst = useEffectEvent(() => void load(true));
  useEffect(() => loadFirst(), []);
  useChanges(['settings'], () => void load(false));

  /** Saves the whole list (the API keeps templates as one setting); answers the list as saved. */
  const saveAll = async (next: Template[]) => {
    const saved = await api['thankYou.saveTemplates'](ThankYouTemplates.parse(next));
    setTemplates(saved);
    return saved;
  };

  async function remove(t: Template) {
    const list = templates ?? [];
    const at = list.findIndex((x) => x.id === t.id);
    try {
      await saveAll(list.filter((x) => x.id !== t.id));
      notifyWithUndo(`Template “${t.name}” removed.`, () => {
        // Put back where it was, among the templates as they are now (someone may have changed others since).
        api['thankYou.templates']({})
          .then((now) => {
            if (now.some((x) => x.id === t.id)) return now;
            return saveAll([...now.slice(0, at), t, ...now.slice(at)]);
          })
          .then(
            (now) => {
              setTemplates(now);
              notifyDone(`Template “${t.name}” put back.`);
            },
            (e: unknown) => notifyError('Could not put the template back', e),
          );
      });
    } catch (e) {
      notifyError('Could not remove the template', e);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-thank-you">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="settings-thank-you">
          Thank-you note templates
        </Title>
        {templates !== null && templates.length > 0 && (
          <Button size="xs" onClick={() => setDialog({})} disabled={templates.length >= 30}>
            Add a template
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        The notes a doctor or liaison starts from when thanking a referrer. In a note, <Code>{'{firstName}'}</Code> and <Code>{'{lastName}'}</Code> are replaced by the referrer’s
        first and last name (“Dear Dr. {'{lastName}'}” reads “Dear Dr. Park”). At most 30 templates.
      </Text>
      {templates === null ? (
        <Loader size="sm" aria-label="Loading the thank-you templates" />
      ) : templates.length === 0 ? (
        <EmptyState
          title="No thank-you templates"
          body="Write the notes your team sends most, like one for a first referral and one for an office’s staff, so a thank-you takes seconds."
          actions={<Button onClick={() => setDialog({})}>Add a template</Button>}
        />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Thank-you note templates">
          {templates.map((t) => (
            <Paper component="li" key={t.id} withBorder p="sm" radius="sm" aria-label={t.name}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm">
                    {t.name}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }} lineClamp={3}>
                    {t.body}
                  </Text>
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" aria-label={`Edit template ${t.name}`} onClick={() => setDialog({ template: t })}>
                    Edit
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="red" aria-label={`Remove template ${t.name}`} onClick={() => void remove(t)}>
                    Remove
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <TemplateFormModal
        opened={dialog !== null}
        {...(dialog?.template ? { template: dialog.template } : {})}
        onClose={() => setDialog(null)}
        onSave={async (v) => {
          const list = templates ?? [];
          const editing = dialog?.template;
          const next = editing ? list.map((x) => (x.id === editing.id ? { ...x, ...v } : x)) : [...list, { id: newId(), ...v }];
          await saveAll(next);
          setDialog(null);
          notifyDone(`Template “${v.name.trim()}” saved.`);
        }}
      />
    </Paper>
  );
}

function Code({ children }: { children: string }) {
  return (
    <Text span ff="monospace" size="sm" c="var(--mantine-color-text)">
      {children}
    </Text>
  );
}

function TemplateFormModal({ opened, template, onClose, onSave }: { opened: boolean; template?: Template; onClose: () => void; onSave: (v: Values) => Promise<void> }) {
  const { form, saving, onSubmit, requestClose } = useDialogForm<Values>({
    opened,
    initial: () => ({ name: template?.name ?? '', body: template?.body ?? '' }),
    schema: TemplateForm,
    onClose,
    errorTitle: 'Could not save the template',
  });
  const body = form.getValues().body;
  return (
    <Modal opened={opened} onClose={requestClose} title={template ? `Edit template: ${template.name}` : 'Add a thank-you template'} size="lg">
      <form onSubmit={onSubmit(onSave)} noValidate>
        <Stack gap="xs">
          <TextInput label="Name" description="How the team picks it, like “First referral”" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <Textarea
            label="Note"
            description="{firstName} and {lastName} are replaced by the referrer’s first and last name."
            autosize
            minRows={5}
            maxRows={14}
            withAsterisk
            {...form.getInputProps('body')}
          />
          {body.trim() !== '' && (
            <div>
              <Text size="xs" c="dimmed" id="template-preview-label">
                Preview, for Dr. Ada Park
              </Text>
              <Paper withBorder p="xs" radius="sm" bg="var(--mantine-color-gray-light)" aria-labelledby="template-preview-label">
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {fillTemplate(body, SAMPLE)}
                </Text>
              </Paper>
            </div>
          )}
        </Stack>
        <DialogActions onCancel={requestClose} saving={saving} submitLabel={template ? 'Save template' : 'Add template'} />
      </form>
    </Modal>
  );
}
