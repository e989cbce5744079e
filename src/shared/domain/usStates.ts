/**
 * US states, DC and the territories with USPS codes, by name, so "Illinois", "illinois" and
 * "New  York" become IL and NY wherever an address is typed or imported.
 */
const NAMES: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT',
  delaware: 'DE', 'district of columbia': 'DC', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL',
  indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD',
  massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE',
  nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC',
  'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI',
  'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA',
  washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY', 'puerto rico': 'PR', guam: 'GU',
  'virgin islands': 'VI', 'us virgin islands': 'VI', 'american samoa': 'AS', 'northern mariana islands': 'MP',
  'washington dc': 'DC', 'washington d c': 'DC',
  'armed forces americas': 'AA', 'armed forces europe': 'AE', 'armed forces pacific': 'AP',
};
const CODES = new Set(Object.values(NAMES));

/** The two-letter code for a state written as a code or a name; null when it is neither. */
export function stateCode(written: string): string | null {
  const plain = written.trim();
  if (/^[A-Za-z]{2}$/.test(plain)) return CODES.has(plain.toUpperCase()) ? plain.toUpperCase() : null;
  const key = plain.toLowerCase().replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
  return NAMES[key] ?? null;
}
