import { describe, expect, it } from 'vitest';
import { projectPoints, type ScreenPoint } from '../../src/renderer/src/visits/routeProjection';

const W = 400;
const H = 300;
const PAD = 20;

/** Columbus, Ohio: downtown, and offices east, south-west and north-west of it. */
const downtown = { lat: 39.9612, lng: -82.9988 };
const westerville = { lat: 40.1262, lng: -82.9291 };
const grovePort = { lat: 39.8573, lng: -83.0466 };
const dublin = { lat: 40.0992, lng: -83.1141 };

const round = (p: ScreenPoint) => ({ x: Math.round(p.x * 1000) / 1000, y: Math.round(p.y * 1000) / 1000 });
const inside = (p: ScreenPoint) => p.x >= PAD - 1e-9 && p.x <= W - PAD + 1e-9 && p.y >= PAD - 1e-9 && p.y <= H - PAD + 1e-9;

describe('projecting a day route into the drawing box', () => {
  it('gives nothing for no points', () => {
    expect(projectPoints([], W, H, PAD)).toEqual([]);
  });

  it('puts a single point, or points all in one place, in the middle', () => {
    expect(projectPoints([downtown], W, H, PAD)).toEqual([{ x: 200, y: 150 }]);
    expect(projectPoints([downtown, { ...downtown }], W, H, PAD)).toEqual([
      { x: 200, y: 150 },
      { x: 200, y: 150 },
    ]);
  });

  it('keeps every point inside the padding and touches both edges of the axis the points fill', () => {
    const out = projectPoints([downtown, westerville, grovePort, dublin], W, H, PAD);
    expect(out.every(inside)).toBe(true);
    const xs = out.map((p) => p.x);
    const ys = out.map((p) => p.y);
    // Taller than wide here (0.27° of latitude, 0.19° of longitude × cos 40°): fills the height.
    expect(Math.min(...ys)).toBeCloseTo(PAD, 9);
    expect(Math.max(...ys)).toBeCloseTo(H - PAD, 9);
    // …and is centred across.
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(W / 2, 9);
  });

  it('draws north up and east to the right', () => {
    const [d, w, g, du] = projectPoints([downtown, westerville, grovePort, dublin], W, H, PAD);
    expect(w!.y).toBeLessThan(d!.y); // Westerville is north of downtown
    expect(g!.y).toBeGreaterThan(d!.y); // Grove City is south
    expect(w!.x).toBeGreaterThan(d!.x); // and east
    expect(du!.x).toBeLessThan(d!.x); // Dublin is west
  });

  it('scales longitude by the cosine of the middle latitude, one scale for both axes', () => {
    // A degree east and a degree north of a point at 60°N: a degree of longitude there is half as long.
    const out = projectPoints([{ lat: 59.5, lng: 10 }, { lat: 59.5, lng: 11 }, { lat: 60.5, lng: 10 }], 1000, 1000, 0);
    const east = Math.hypot(out[1]!.x - out[0]!.x, out[1]!.y - out[0]!.y);
    const north = Math.hypot(out[2]!.x - out[0]!.x, out[2]!.y - out[0]!.y);
    expect(east / north).toBeCloseTo(Math.cos((60 * Math.PI) / 180), 9);
  });

  it('fits a wide spread to the width and centres it down the box', () => {
    const out = projectPoints([{ lat: 0, lng: 0 }, { lat: 0, lng: 1 }], W, H, PAD).map(round);
    expect(out).toEqual([
      { x: PAD, y: H / 2 },
      { x: W - PAD, y: H / 2 },
    ]);
  });

  it('gives the same drawing for the same points (no randomness)', () => {
    const pts = [downtown, westerville, grovePort];
    expect(projectPoints(pts, W, H, PAD)).toEqual(projectPoints(pts, W, H, PAD));
  });
});
