import { Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { DialogActions } from '../components/DialogActions';
import { durationMinutes, formatVisitWhen, instantToWallClock, isSkippedWallClock, moveKeepingDuration } from '../../../shared/visits/calendarTime';
import type { CalendarVisit } from './VisitCalendar';

export interface MoveVisitDialogProps {
  /** the visit to move; the dialog is open while this is set */
  visit: CalendarVisit | null;
  /** the user's IANA zone: the fields read and are typed in it */
  timeZone: string;
  onClose: () => void;
  /**
   * The new start and end as ISO UTC instants, the visit's length kept. A promise keeps the dialog
   * open (its button busy) until it settles; a rejection is shown in the dialog and it stays open.
   */
  onMove: (id: string, startIso: string, endIso: string) => void | Promise<void>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$/;

function lengthText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * "Move visit": the keyboard's way to reschedule (FullCalendar drags only with a pointer). A new
 * day and start time in the user's zone; the visit keeps its length. Enter moves, Escape cancels.
 */
export function MoveVisitDialog({ visit, timeZone, onClose, onMove }: MoveVisitDialogProps) {
  // The last visit shown stays in the dialog while it closes, so its content does not vanish mid-fade.
  const [shown, setShown] = useState<CalendarVisit | null>(visit);
  const [opening, setOpening] = useState(0);
  const [prev, setPrev] = useState<CalendarVisit | null>(visit);
  if (visit !== prev) {
    setPrev(visit);
    if (visit) {
      setShown(visit);
      setOpening((n) => n + 1);
    }
  }
  return (
    <Modal opened={visit !== null} onClose={onClose} title="Move visit">
      {shown && <MoveForm key={`${shown.id}:${opening}`} visit={shown} timeZone={timeZone} onClose={onClose} onMove={onMove} />}
    </Modal>
  );
}

function MoveForm({ visit, timeZone, onClose, onMove }: { visit: CalendarVisit } & Omit<MoveVisitDialogProps, 'visit'>) {
  const [initial] = useState(() => instantToWallClock(visit.start, timeZone));
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [errors, setErrors] = useState<{ date?: string; time?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const minutes = durationMinutes(visit.start, visit.end);

  function check(): { date?: string; time?: string } {
    const found: { date?: string; time?: string } = {};
    if (!DATE.test(date)) found.date = 'Pick a date';
    if (!TIME.test(time)) found.time = 'Pick a start time';
    else if (!found.date && isSkippedWallClock(date, time.slice(0, 5), timeZone)) {
      found.time = 'Clocks skip this time on this day (daylight saving time). Pick another time.';
    }
    return found;
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    const found = check();
    setErrors(found);
    if (found.date || found.time) {
      const field = found.date ? 'move-date' : 'move-time';
      setTimeout(() => document.getElementById(field)?.focus(), 0);
      return;
    }
    const { start, end } = moveKeepingDuration(visit.start, visit.end, date, time.slice(0, 5), timeZone);
    setFailure(null);
    let result: void | Promise<void>;
    try {
      result = onMove(visit.id, start, end);
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
      return;
    }
    if (!(result instanceof Promise)) {
      onClose();
      return;
    }
    setSaving(true);
    result.then(
      () => {
        setSaving(false);
        onClose();
      },
      (err: unknown) => {
        setSaving(false);
        setFailure(err instanceof Error ? err.message : String(err));
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {visit.title}: now {formatVisitWhen(visit.start, visit.end, timeZone)}
        </Text>
        <Group grow align="flex-start">
          <TextInput
            id="move-date"
            type="date"
            label="Date"
            required
            value={date}
            onChange={(e) => {
              setDate(e.currentTarget.value);
              setErrors((x) => ({ ...x, date: undefined }));
            }}
            error={errors.date}
            data-autofocus
          />
          <TextInput
            id="move-time"
            type="time"
            label="Start time"
            required
            value={time}
            onChange={(e) => {
              setTime(e.currentTarget.value);
              setErrors((x) => ({ ...x, time: undefined }));
            }}
            error={errors.time}
          />
        </Group>
        <Text size="xs" c="dimmed">
          Keeps its length ({lengthText(minutes)}). Times are in {timeZone.replaceAll('_', ' ')}.
        </Text>
        {failure && (
          <Text size="sm" c="red" role="alert">
            Could not move the visit: {failure}
          </Text>
        )}
      </Stack>
      <DialogActions onCancel={onClose} saving={saving} submitLabel="Move" />
    </form>
  );
}
