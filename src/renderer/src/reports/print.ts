import { useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api';
import { notifyDone, notifyError } from '../notify';

/*
 * Whether the page is being printed, for what CSS alone cannot do: recharts measures its container
 * once and draws an SVG of that width, so a chart laid out for a wide window is cut off on paper.
 * Charts read this and draw themselves at a fixed width that fits the page while it is true.
 *
 * Three ways printing starts, all covered: our Print button (Electron's printToPDF may not say
 * `beforeprint`, so the flag is set before asking), the browser's own Ctrl+P (`beforeprint`), and
 * print media emulated by a test before page.pdf() (the media query's change event).
 */
const listeners = new Set<() => void>();
let asked = false;
let beforePrint = false;
const printMedia = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('print') : null;

function notify(): void {
  // Synchronously: the browser lays the page out for print right after `beforeprint` returns.
  flushSync(() => {
    for (const l of listeners) l();
  });
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    printMedia?.addEventListener('change', notify);
    window.addEventListener('beforeprint', onBeforePrint);
    window.addEventListener('afterprint', onAfterPrint);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    printMedia?.removeEventListener('change', notify);
    window.removeEventListener('beforeprint', onBeforePrint);
    window.removeEventListener('afterprint', onAfterPrint);
  };
}

function onBeforePrint(): void {
  beforePrint = true;
  notify();
}

function onAfterPrint(): void {
  beforePrint = false;
  notify();
}

const snapshot = (): boolean => asked || beforePrint || Boolean(printMedia?.matches);

/** True while the page is laid out for paper. */
export function usePrinting(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/**
 * Prints the page. Electron has the preload's bridge: its printToPDF asks where to save. A browser
 * prints itself. Either way the charts are redrawn at the page's width first.
 */
export async function printPage(filename: string, title: string): Promise<void> {
  asked = true;
  notify();
  // Two frames: the redrawn charts are laid out and painted before the page is captured.
  await nextFrame();
  await nextFrame();
  try {
    if ((window as unknown as { api?: unknown }).api) {
      try {
        const { saved } = await api['app.printToPdf']({ filename });
        if (saved) notifyDone('Saved as a PDF.');
      } catch (e) {
        notifyError('Could not print the page', e);
      }
      return;
    }
    // The browser names the PDF after the document's title.
    const before = document.title;
    document.title = title;
    window.print();
    document.title = before;
  } finally {
    asked = false;
    notify();
  }
}

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
/** "Mar 10, 2025" */
export const formatDay = (day: string): string => dayFormat.format(utc(day));

/** "Calendar year 2025 (Jan 1 – Dec 31, 2025)"; "Mar 1 – Jun 30, 2025" */
export function formatRange(from: string, to: string): string {
  const span = dayFormat.formatRange(utc(from), utc(to));
  if (from.slice(0, 4) === to.slice(0, 4) && from.endsWith('-01-01') && to.endsWith('-12-31')) return `Calendar year ${from.slice(0, 4)} (${span})`;
  return span;
}
