import { Alert, Anchor, Badge, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useEffect, useState } from 'react';
import { href, Link } from 'react-router';
import { VISIT_PURPOSE_LABELS, VISIT_STATUS_LABELS, type Visit } from '../../../shared/domain/visit';
import { api } from '../api';
import { useChanges } from '../changes';
import { notifyDone, notifyError, notifyWithUndo } from '../notify';
import type { VisitDialog } from './VisitFormModal';
import { GiftEntryModal, type GiftDialog } from '../gifts/GiftEntryModal';
import { dayOf } from '../../../shared/visits/time';
import { describeSlot, userZone } from './visitTimes';

const STATUS_COLORS = { planned: 'blue', completed: 'green', missed: 'red', cancelled: 'gray' } as const;

/**
 * One visit, opened from the calendar or an office: what it is, and what can be done with it next
 * — log it, change it, cancel it or mark it missed (with why), or set it back to planned.
 */
export function VisitDetailModal({ id, onClose, onForm }: { id: string | null; onClose: () => void; onForm: (d: VisitDialog) => void }) {
  // Kept here so the lunch form outlives this dialog closing behind it.
  const [gift, setGift] = useState<GiftDialog | null>(null);
  const [visit, setVisit] = useState<Visit | null>(null);
  const [closing, setClosing] = useState<{ status: 'cancelled' | 'missed'; reason: string; error: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () => {
    if (!id) return;
    api['visits.get']({ id }).then(setVisit, (e: unknown) => {
      notifyError('Could not open the visit', e);
      onClose();
    });
  };
  // Another visit opened: start clean (set while rendering, so the old one never shows under the new title).
  const [shownId, setShownId] = useState(id);
  if (shownId !== id) {
    setShownId(id);
    setVisit(null);
    setClosing(null);
  }
  useEffect(() => {
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  useChanges(['visits', 'visit_feedback'], load, id ? [id] : []);

  async function close() {
    if (!visit || !closing) return;
    if (!closing.reason.trim()) {
      setClosing({ ...closing, error: 'Say why, so the office history makes sense later' });
      return;
    }
    setBusy(true);
    try {
      const v = await api['visits.close']({ id: visit.id, status: closing.status, reason: closing.reason });
      notifyWithUndo(`Visit to ${v.officeName} ${closing.status === 'cancelled' ? 'cancelled' : 'marked missed'}.`, () => void reopen(v));
      setClosing(null);
      onClose();
    } catch (e) {
      notifyError('Could not save', e);
    } finally {
      setBusy(false);
    }
  }

  async function reopen(v: Visit) {
    try {
      await api['visits.reopen']({ id: v.id });
      notifyDone(`Visit to ${v.officeName} is planned again.`);
    } catch (e) {
      notifyError('Could not set the visit back to planned', e);
    }
  }

  const v = visit;
  return (
    <>
    <Modal opened={id !== null} onClose={onClose} title={<Title order={2} size="h4">{v ? `Visit: ${v.officeName}` : 'Visit'}</Title>} size="md">
      {!v ? (
        <Text c="dimmed">Loading…</Text>
      ) : (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge color={STATUS_COLORS[v.status]} variant="light">
              {VISIT_STATUS_LABELS[v.status]}
            </Badge>
            {v.pinned && v.status === 'planned' && <Badge variant="outline">Time kept when re-ordering</Badge>}
          </Group>
          <Text>{describeSlot(v.startsAt, v.endsAt)}</Text>
          <Text size="sm" c="dimmed">
            {[v.liaisonName && `Liaison: ${v.liaisonName}`, v.purpose && VISIT_PURPOSE_LABELS[v.purpose]].filter(Boolean).join(' · ')}
          </Text>
          {v.reason && <Text size="sm">Why: {v.reason}</Text>}
          {v.notes && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{v.notes}</Text>}
          {v.leftItems.length > 0 && <Text size="sm">Left: {v.leftItems.join(', ')}</Text>}
          {v.feedback && (
            <Text size="sm">
              Feedback: {(['communication', 'credibility', 'capacity', 'consistency'] as const).filter((c) => v.feedback![c] !== null).map((c) => `${c} ${v.feedback![c]}/5`).join(', ')}
              {v.feedback.comment ? ` — “${v.feedback.comment}”` : ''}
            </Text>
          )}
          <Anchor component={Link} to={href('/offices/:id', { id: v.officeId })} size="sm" onClick={onClose}>
            Open {v.officeName}
          </Anchor>
          {v.purpose === 'lunch_and_learn' && v.status !== 'cancelled' && v.status !== 'missed' && (
            <Button
              variant="light"
              onClick={() => {
                setGift({ officeId: v.officeId, visitId: v.id, kind: 'meal', day: dayOf(v.startsAt, userZone()), description: 'Lunch and learn', inPerson: true });
                onClose();
              }}
            >
              Log the lunch
            </Button>
          )}
          {closing ? (
            <Alert color="gray" title={closing.status === 'cancelled' ? 'Cancel this visit' : 'Mark this visit missed'}>
              <Stack gap="xs">
                <SegmentedControl
                  aria-label="What happened"
                  value={closing.status}
                  onChange={(s) => setClosing({ ...closing, status: s as 'cancelled' | 'missed' })}
                  data={[
                    { value: 'cancelled', label: 'Cancelled' },
                    { value: 'missed', label: 'Missed' },
                  ]}
                />
                <TextInput
                  label="Why"
                  required
                  data-autofocus
                  placeholder={closing.status === 'cancelled' ? 'Office closed for the holiday' : 'Doctor was called away'}
                  value={closing.reason}
                  error={closing.error}
                  onChange={(e) => setClosing({ ...closing, reason: e.currentTarget.value, error: null })}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void close();
                  }}
                />
                <Group gap="xs" justify="flex-end">
                  <Button variant="default" size="xs" onClick={() => setClosing(null)}>
                    Back
                  </Button>
                  <Button size="xs" color="red" loading={busy} onClick={() => void close()}>
                    {closing.status === 'cancelled' ? 'Cancel visit' : 'Mark missed'}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <Group gap="xs" mt="xs">
              {v.status === 'planned' && (
                <>
                  <Button data-autofocus onClick={() => onForm({ mode: 'complete', visit: v })}>
                    Log visit
                  </Button>
                  <Button variant="default" onClick={() => onForm({ mode: 'edit', visit: v })}>
                    Change
                  </Button>
                  <Button variant="default" color="red" onClick={() => setClosing({ status: 'cancelled', reason: '', error: null })}>
                    Cancel or missed…
                  </Button>
                </>
              )}
              {v.status !== 'planned' && (
                <Button
                  variant="default"
                  onClick={() =>
                    v.status === 'completed'
                      ? modals.openConfirmModal({
                          title: 'Set this visit back to planned?',
                          children: (
                            <Text size="sm">
                              The office will be due again as if this visit had not happened, and the feedback logged with it is withdrawn. Its follow-up tasks stay open. The history keeps a note of both.
                            </Text>
                          ),
                          labels: { confirm: 'Set back to planned', cancel: 'Keep it logged' },
                          cancelProps: { 'data-autofocus': true },
                          onConfirm: () => void reopen(v),
                        })
                      : void reopen(v)
                  }
                >
                  Set back to planned
                </Button>
              )}
            </Group>
          )}
        </Stack>
      )}
    </Modal>
      <GiftEntryModal dialog={gift} onClose={() => setGift(null)} />
    </>
  );
}
