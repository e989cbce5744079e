export interface LatLng {
  lat: number;
  lng: number;
}

export interface ScreenPoint {
  x: number;
  y: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Places map points in a `width` × `height` box, `padding` clear on every side: an equirectangular
 * projection (longitude scaled by the cosine of the middle latitude, so a town is not stretched
 * sideways), one scale for both axes (the drawing keeps its shape), centred, north up. Enough for a
 * day's drive across a town or a county; not for a continent. A single point, or points all in one
 * place, land in the middle; no points, no screen points.
 */
export function projectPoints(points: readonly LatLng[], width: number, height: number, padding: number): ScreenPoint[] {
  if (points.length === 0) return [];
  const lats = points.map((p) => p.lat);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const k = Math.cos(rad((minLat + maxLat) / 2));
  const xs = points.map((p) => p.lng * k);
  const ys = points.map((p) => -p.lat);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const spanX = Math.max(...xs) - minX;
  const spanY = Math.max(...ys) - minY;
  const innerW = Math.max(0, width - 2 * padding);
  const innerH = Math.max(0, height - 2 * padding);
  const scales = [spanX > 0 ? innerW / spanX : Infinity, spanY > 0 ? innerH / spanY : Infinity];
  const scale = Math.min(...scales);
  if (!Number.isFinite(scale)) return points.map(() => ({ x: width / 2, y: height / 2 }));
  // What the points use of the inner box, centred in it along the axis they do not fill.
  const offsetX = padding + (innerW - spanX * scale) / 2;
  const offsetY = padding + (innerH - spanY * scale) / 2;
  return xs.map((x, i) => ({ x: offsetX + (x - minX) * scale, y: offsetY + (ys[i]! - minY) * scale }));
}
