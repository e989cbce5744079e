import FullCalendar, {
  type CalendarRef,
  type DatesSetInfo,
  type DateSelectInfo,
  type EventClickInfo,
  type EventDisplayInfo,
  type EventDropInfo,
  type EventInput,
  type EventResizeDoneInfo,
} from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import interactionPlugin from '@fullcalendar/react/interaction';
import listPlugin from '@fullcalendar/react/list';
import classicTheme from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
// FullCalendar v7 injects no <style> of its own: its CSS is these files, bundled by Vite into the
// app's stylesheet, so the CSP needs nothing new. (It sets inline style attributes, as Mantine does.)
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import { ActionIcon, Box, Button, Group, SegmentedControl, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useUncontrolled } from '@mantine/hooks';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { clockInZone, formatVisitWhen, shiftAnchor, todayIn, toUtcIso, type CalendarView } from '../../../shared/visits/calendarTime';
import { MoveVisitDialog } from './MoveVisitDialog';

export type { CalendarView } from '../../../shared/visits/calendarTime';

export type VisitStatus = 'planned' | 'completed' | 'missed' | 'cancelled';

/** One visit as the calendar shows it. */
export interface CalendarVisit {
  id: string;
  /** what the visit is called on the calendar: usually the office's name */
  title: string;
  /** ISO UTC instants */
  start: string;
  end: string;
  status: VisitStatus;
  liaisonName?: string | null;
}

export interface VisitCalendarProps {
  events: CalendarVisit[];
  /** the user's IANA zone (`America/New_York`): visits are shown, and moves made, in it, whatever the computer's zone */
  timeZone: string;
  /** month / week / day / list (the week's visits as an agenda); controlled when set, else starts at `defaultView` */
  view?: CalendarView;
  defaultView?: CalendarView;
  onViewChange?: (view: CalendarView) => void;
  /** any `YYYY-MM-DD` in the range to show; controlled when set, else starts at `defaultDate` (today in `timeZone`) */
  date?: string;
  defaultDate?: string;
  onDateChange?: (date: string) => void;
  /** the range on screen, as ISO UTC instants [start, end): fetch the visits in it */
  onRangeChange?: (startIso: string, endIso: string) => void;
  /** a click or drag over empty time, to plan a visit there; allDay for a whole day (the month view), as instants of its midnights in `timeZone` */
  onSelectSlot?: (startIso: string, endIso: string, allDay: boolean) => void;
  /**
   * A planned visit dragged (or moved with the keyboard, M) to a new time, its length kept. Save it;
   * on failure call `revert` to put it back where it was (a rejected promise does that too). A promise keeps
   * the move dialog busy until it settles, and a rejection is shown in the dialog.
   */
  onMove?: (id: string, newStartIso: string, newEndIso: string, revert: () => void) => void | Promise<void>;
  /** a planned visit's end (or, in the week and day views, start) dragged; `revert` as for onMove */
  onResize?: (id: string, newStartIso: string, newEndIso: string, revert: () => void) => void;
  /** a visit clicked, or Enter (or Space) on a focused one */
  onOpen?: (id: string) => void;
  /** the calendar's height; by default it fills its parent (give the parent a height, or pass a number) */
  height?: number | string;
}

/** Each status's look. Colours meet 4.5:1 against their text; the glyph tells them apart without colour. */
export const VISIT_STATUS_STYLE: Record<VisitStatus, { label: string; glyph: string; color: string; text: string; border: string }> = {
  planned: { label: 'Planned', glyph: '○', color: '#1864ab', text: '#ffffff', border: '#1864ab' },
  completed: { label: 'Completed', glyph: '✓', color: '#267a36', text: '#ffffff', border: '#267a36' },
  missed: { label: 'Missed', glyph: '!', color: '#c92a2a', text: '#ffffff', border: '#c92a2a' },
  cancelled: { label: 'Cancelled', glyph: '×', color: '#dee2e6', text: '#343a40', border: '#868e96' },
};
const STATUSES = Object.keys(VISIT_STATUS_STYLE) as VisitStatus[];

const FC_VIEW: Record<CalendarView, string> = { month: 'dayGridMonth', week: 'timeGridWeek', day: 'timeGridDay', list: 'listWeek' };
const UNIT: Record<CalendarView, string> = { month: 'month', week: 'week', day: 'day', list: 'week' };
const VIEW_OPTIONS = [
  { value: 'month', label: 'Month' },
  { value: 'week', label: 'Week' },
  { value: 'day', label: 'Day' },
  { value: 'list', label: 'List' },
];
const PLUGINS = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, classicTheme];
const TIME_24H = { hour: '2-digit', minute: '2-digit', hour12: false } as const;
/** Titles that name the days on screen ("Mar 9 – 15, 2025"), not only the month. */
const VIEW_TITLES = {
  timeGridWeek: { titleFormat: { year: 'numeric', month: 'short', day: 'numeric' } },
  listWeek: { titleFormat: { year: 'numeric', month: 'short', day: 'numeric' } },
  timeGridDay: { titleFormat: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' } },
} as const;

/** The accessible name of a visit on the calendar: "Visit: Lakeside Orthopedics, planned, Tue, Mar 11, 10:00–10:45". */
export function visitLabel(v: CalendarVisit, timeZone: string): string {
  const who = v.liaisonName ? `, ${v.liaisonName}` : '';
  return `Visit: ${v.title}, ${v.status}, ${formatVisitWhen(v.start, v.end, timeZone)}${who}`;
}

/** The visit behind a drawn event; none for the mirror FullCalendar draws over a slot being selected. */
const visitOf = (e: { extendedProps: Record<string, unknown> }) => e.extendedProps.visit as CalendarVisit | undefined;

/**
 * The visits calendar: month, week, day and list views of the visits it is given, in the user's
 * zone, coloured by status. Data-agnostic: it fetches nothing and saves nothing; it says what the
 * user did (opened, planned, moved, resized) and what range is on screen.
 *
 * Only planned visits move. With a pointer: drag or resize. With the keyboard: Tab to a visit, M
 * opens "Move visit" (a date and start time); Enter opens the visit.
 */
export function VisitCalendar(props: VisitCalendarProps) {
  const { events, timeZone } = props;
  const [view, setView] = useUncontrolled<CalendarView>({
    value: props.view,
    defaultValue: props.defaultView,
    finalValue: 'week',
    onChange: props.onViewChange,
  });
  const [date, setDate] = useUncontrolled<string>({
    value: props.date,
    defaultValue: props.defaultDate,
    finalValue: todayIn(timeZone),
    onChange: props.onDateChange,
  });
  const calendar = useRef<CalendarRef>(null);
  const root = useRef<HTMLDivElement>(null);
  const [title, setTitle] = useState('');
  const [moving, setMoving] = useState<CalendarVisit | null>(null);
  const [announcement, setAnnouncement] = useState('');
  /** a visit to give focus back to once it is drawn again after a keyboard move */
  const refocus = useRef<string | null>(null);
  /** the range last reported, so a redraw of the same range does not ask for the same visits again */
  const lastRange = useRef('');
  // What the owner handles is what the user can do: no drag without onMove, no resize without onResize.
  const canMove = props.onMove !== undefined;
  const canResize = props.onResize !== undefined;

  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  // Made once: FullCalendar is handed the same functions every render, and they read the latest props.
  const handlers = useMemo(
    () => ({
      eventClick: (info: EventClickInfo) => {
        info.jsEvent.preventDefault();
        latest.current.onOpen?.(info.event.id);
      },
      select: (info: DateSelectInfo) => {
        calendar.current?.getApi().unselect();
        latest.current.onSelectSlot?.(toUtcIso(info.start), toUtcIso(info.end), info.allDay);
      },
      eventDrop: (info: EventDropInfo) => {
        const { event } = info;
        if (!event.start || !event.end) return info.revert();
        const result = latest.current.onMove?.(event.id, toUtcIso(event.start), toUtcIso(event.end), info.revert);
        // A save that fails by rejecting puts the visit back too (telling the user is the owner's part).
        if (result instanceof Promise) result.catch(() => info.revert());
      },
      eventResize: (info: EventResizeDoneInfo) => {
        const { event } = info;
        if (!event.start || !event.end) return info.revert();
        latest.current.onResize?.(event.id, toUtcIso(event.start), toUtcIso(event.end), info.revert);
      },
      datesSet: (info: DatesSetInfo) => {
        setTitle(info.view.title);
        const range = [toUtcIso(info.start), toUtcIso(info.end)] as const;
        if (range.join('/') === lastRange.current) return;
        lastRange.current = range.join('/');
        latest.current.onRangeChange?.(...range);
      },
    }),
    [],
  );

  // The view and date are ours (the toolbar, the owner's state); FullCalendar follows them.
  useEffect(() => {
    const api = calendar.current?.getApi();
    if (!api) return;
    if (api.view.type !== FC_VIEW[view]) api.changeView(FC_VIEW[view], date);
    else api.gotoDate(date);
  }, [view, date]);

  const inputs = useMemo<EventInput[]>(
    () =>
      events.map((v) => {
        const look = VISIT_STATUS_STYLE[v.status];
        const planned = v.status === 'planned';
        return {
          id: v.id,
          title: v.title,
          start: v.start,
          end: v.end,
          allDay: false,
          startEditable: planned && canMove,
          durationEditable: planned && canResize,
          color: look.color,
          contrastColor: look.text,
          className: `visit-event visit-${v.status}`,
          extendedProps: { visit: v },
        };
      }),
    [events, canMove, canResize],
  );

  // After a keyboard move, focus returns to the visit where it is drawn now.
  useEffect(() => {
    const id = refocus.current;
    if (!id) return;
    const frame = requestAnimationFrame(() => {
      const el = root.current?.querySelector(`[data-visit-id="${CSS.escape(id)}"]`)?.closest<HTMLElement>('[role="button"]');
      if (el) {
        el.focus();
        refocus.current = null;
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [inputs]);

  const renderEvent = useCallback(
    (arg: EventDisplayInfo) => {
      const v = visitOf(arg.event);
      if (!v) return true; // FullCalendar's own content: the selected slot's times
      const look = VISIT_STATUS_STYLE[v.status];
      const struck: CSSProperties | undefined = v.status === 'cancelled' ? { textDecoration: 'line-through' } : undefined;
      return (
        <>
          <VisuallyHidden>{visitLabel(v, timeZone)}</VisuallyHidden>
          <span aria-hidden="true" data-visit-id={v.id} data-status={v.status} style={{ display: 'contents' }}>
            <span className={arg.timeClass} style={struck}>
              {look.glyph} {clockInZone(v.start, timeZone)}
              {arg.view.type.startsWith('list') ? `–${clockInZone(v.end, timeZone)}` : ''}
            </span>
            <span className={arg.titleClass} style={struck}>
              {v.title}
              {v.liaisonName && arg.view.type !== 'dayGridMonth' ? ` · ${v.liaisonName}` : ''}
            </span>
          </span>
        </>
      );
    },
    [timeZone],
  );

  const startMove = (v: CalendarVisit) => {
    if (!canMove) return;
    if (v.status !== 'planned') {
      setAnnouncement(`Only planned visits can be moved; this one is ${v.status}.`);
      return;
    }
    setAnnouncement('');
    setMoving(v);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key.toLowerCase() !== 'm' || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement;
    if (target.getAttribute('role') !== 'button') return;
    const id = target.querySelector<HTMLElement>('[data-visit-id]')?.dataset.visitId;
    const v = id ? latest.current.events.find((x) => x.id === id) : undefined;
    if (!v) return;
    e.preventDefault();
    startMove(v);
  };

  const cssVars = {
    // The app's teal for today, the selection and focus, instead of the theme's blue.
    '--fc-classic-primary': 'var(--mantine-color-teal-7)',
    '--fc-classic-highlight': 'color-mix(in srgb, var(--mantine-color-teal-3) 40%, transparent)',
    '--fc-classic-today': 'color-mix(in srgb, var(--mantine-color-yellow-2) 45%, transparent)',
    '--fc-classic-border': 'var(--mantine-color-gray-3)',
    flex: 1,
    minHeight: 0,
  } as CSSProperties;

  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" onClick={() => setDate(todayIn(timeZone))}>
            Today
          </Button>
          <ActionIcon variant="default" size="lg" aria-label={`Previous ${UNIT[view]}`} onClick={() => setDate(shiftAnchor(date, view, -1))}>
            <span aria-hidden="true">‹</span>
          </ActionIcon>
          <ActionIcon variant="default" size="lg" aria-label={`Next ${UNIT[view]}`} onClick={() => setDate(shiftAnchor(date, view, 1))}>
            <span aria-hidden="true">›</span>
          </ActionIcon>
          <Title order={3} size="h4" aria-live="polite">
            {title}
          </Title>
        </Group>
        <SegmentedControl aria-label="Calendar view" data={VIEW_OPTIONS} value={view} onChange={(v) => setView(v as CalendarView)} />
      </Group>
      <Group gap="md" wrap="wrap" aria-label="Visit colours" role="list">
        {STATUSES.map((s) => {
          const look = VISIT_STATUS_STYLE[s];
          return (
            <Group key={s} gap={6} wrap="nowrap" role="listitem">
              <Box
                aria-hidden="true"
                w={18}
                h={18}
                style={{
                  background: look.color,
                  color: look.text,
                  border: `1px ${s === 'cancelled' ? 'dashed' : 'solid'} ${look.border}`,
                  borderRadius: 4,
                  display: 'grid',
                  placeItems: 'center',
                  fontSize: 11,
                  lineHeight: 1,
                }}
              >
                {look.glyph}
              </Box>
              <Text size="sm" td={s === 'cancelled' ? 'line-through' : undefined}>
                {look.label}
              </Text>
            </Group>
          );
        })}
        {canMove && (
          <Text size="xs" c="dimmed" ml="auto">
            Tip: focus a visit and press M to move it; Enter opens it. Only planned visits move.
          </Text>
        )}
      </Group>
      <div ref={root} onKeyDown={onKeyDown} style={cssVars} data-testid="visit-calendar">
        <FullCalendar
          ref={calendar}
          plugins={PLUGINS}
          timeZone={timeZone}
          initialView={FC_VIEW[view]}
          initialDate={date}
          headerToolbar={false}
          views={VIEW_TITLES}
          height={props.height ?? '100%'}
          events={inputs}
          eventDisplay="block"
          eventContent={renderEvent}
          eventTimeFormat={TIME_24H}
          slotHeaderFormat={TIME_24H}
          allDaySlot={false}
          scrollTime="07:00:00"
          nowIndicator
          dayMaxEvents
          editable={canMove || canResize}
          selectable={props.onSelectSlot !== undefined}
          selectMirror
          noEventsText="No visits in this range"
          eventInteractive
          {...handlers}
        />
      </div>
      <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
      <MoveVisitDialog
        visit={moving}
        timeZone={timeZone}
        onClose={() => setMoving(null)}
        onMove={(id, start, end) => {
          refocus.current = id;
          const moved = events.find((v) => v.id === id);
          const announce = () => {
            if (moved) setAnnouncement(`Moved ${moved.title} to ${formatVisitWhen(start, end, timeZone)}.`);
          };
          const result = latest.current.onMove?.(id, start, end, () => {});
          if (!(result instanceof Promise)) {
            announce();
            return;
          }
          return result.then(announce);
        }}
      />
    </Stack>
  );
}
