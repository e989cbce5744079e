export interface LatLng {
  lat: number;
  lng: number;
}

/** Mean Earth radius in statute miles (IUGG): the figure great-circle distances are usually quoted with. */
const EARTH_MILES = 3958.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in miles (haversine): "as the crow flies", which is what a radius filter means. */
export function milesBetween(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The ZIP in what a person typed: a ZIP, a ZIP+4, or an address ending in one ("1200 W Harrison St, Chicago IL 60607"). */
export function zipIn(text: string): string | null {
  const all = [...text.matchAll(/(?<!\d)(\d{5})(?:[-\s]?\d{4})?(?!\d)/g)];
  return all.length ? all[all.length - 1]![1]! : null;
}
