import type { DayRoute } from '../../../shared/visits/contract';
import { projectPoints, type ScreenPoint } from './routeProjection';

const PADDING = 36;
const MARKER = 11;
const milesWords = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "Route: Home → A → B → Home, 23.4 miles estimated": what the drawing says to a screen reader. */
export function routeSummary(route: DayRoute): string {
  const names = route.stops.map((s) => s.officeName);
  const path = route.start ? [route.start.label, ...names, ...(route.roundTrip && names.length ? [route.start.label] : [])] : names;
  return `Route: ${path.join(' → ')}, ${milesWords.format(route.totalMiles)} miles estimated`;
}

/** Stops at one spot (two offices in one ZIP, placed at its centre) fanned out a little, so each number shows. */
function spreadOverlaps(points: ScreenPoint[]): ScreenPoint[] {
  const groups = new Map<string, number[]>();
  points.forEach((p, i) => {
    const key = `${Math.round(p.x / 4)},${Math.round(p.y / 4)}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const out = [...points];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const r = MARKER * 1.6;
    members.forEach((idx, k) => {
      const a = (2 * Math.PI * k) / members.length - Math.PI / 2;
      out[idx] = { x: points[idx]!.x + r * Math.cos(a), y: points[idx]!.y + r * Math.sin(a) };
    });
  }
  return out;
}

const shorten = (s: string, max = 22) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * A sketch of the day's drive, no map tiles (the app works offline): the start point, the stops
 * numbered in driving order, and a line for each leg (the drive back to the start dashed).
 */
export function RouteDrawing({ route, width = 420, height = 320 }: { route: DayRoute; width?: number; height?: number }) {
  const geo = [...(route.start ? [route.start.point] : []), ...route.stops.map((s) => s.point)];
  const screen = spreadOverlaps(projectPoints(geo, width, height, PADDING));
  const start = route.start ? screen[0]! : null;
  const stops = route.start ? screen.slice(1) : screen;
  const path = [...(start ? [start] : []), ...stops];
  const last = stops.at(-1);
  const back = start && route.roundTrip && last ? { from: last, to: start } : null;
  // A name sits above its marker or below it, whichever is away from the middle of the drawing (so
  // two stops side by side do not write over each other), moved in from the edges to stay readable.
  const midY = screen.reduce((sum, p) => sum + p.y, 0) / Math.max(1, screen.length);
  const labelAt = (p: ScreenPoint, text: string, size: number) => {
    const half = (text.length * size * 0.56) / 2 + 2;
    const x = Math.min(Math.max(p.x, half), width - half);
    return { x, y: p.y <= midY ? p.y - MARKER - 5 : p.y + MARKER + size + 2 };
  };

  return (
    <svg
      role="img"
      aria-label={routeSummary(route)}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width, display: 'block', background: 'var(--mantine-color-gray-0)', borderRadius: 'var(--mantine-radius-sm)', border: '1px solid var(--mantine-color-gray-3)' }}
    >
      {path.length > 1 && (
        <polyline
          points={path.map((p) => `${p.x},${p.y}`).join(' ')}
          fill="none"
          stroke="var(--mantine-color-teal-6)"
          strokeWidth={2.5}
          strokeLinejoin="round"
        />
      )}
      {back && <line x1={back.from.x} y1={back.from.y} x2={back.to.x} y2={back.to.y} stroke="var(--mantine-color-teal-6)" strokeWidth={2} strokeDasharray="6 5" />}
      {start && route.start && (
        <g>
          <rect x={start.x - MARKER} y={start.y - MARKER} width={MARKER * 2} height={MARKER * 2} rx={3} fill="var(--mantine-color-dark-6)" />
          <text x={start.x} y={start.y + 4} textAnchor="middle" fontSize={11} fontWeight={700} fill="white">
            S
          </text>
          <text {...labelAt(start, shorten(route.start.label), 12)} textAnchor="middle" fontSize={12} fontWeight={600} fill="var(--mantine-color-dark-6)">
            {shorten(route.start.label)}
          </text>
        </g>
      )}
      {stops.map((p, i) => {
        const stop = route.stops[i]!;
        const name = shorten(stop.officeName);
        return (
          <g key={stop.visitId}>
            <circle cx={p.x} cy={p.y} r={MARKER} fill={stop.flag ? 'var(--mantine-color-orange-7)' : 'var(--mantine-color-teal-7)'} stroke="white" strokeWidth={2} />
            <text x={p.x} y={p.y + 4} textAnchor="middle" fontSize={11} fontWeight={700} fill="white">
              {i + 1}
            </text>
            <text {...labelAt(p, name, 11)} textAnchor="middle" fontSize={11} fill="var(--mantine-color-dark-4)">
              {name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
