/** Name suffixes that belong to the last name: "Smith Jr." is Smith Jr., not a man named Jr. */
const SUFFIX = /^(jr|sr|ii|iii|iv|v)\.?$/i;
/** Credentials written after a name without a comma ("Ana Ruiz MD"); with a comma anything goes. */
const CREDENTIAL = /^(md|do|np|pa|pa-c|rn|aprn|fnp|fnp-c|dnp|dpt|pt|ot|otr|otr\/l|slp|ccc-slp|dc|dpm|od|phd|psyd|lcsw|facc|facs|faafp|dds|dmd|crnp|mph|ms|mba)\.?$/i;

/**
 * A full name as people write it, split the way the person form keeps it: "Dr. María José Peña,
 * MD" → first María José, last Peña, credentials MD; "John A. Smith Jr." → first John A., last
 * Smith Jr.; "Ana Ruiz MD, FACC" → credentials MD, FACC. A one-word name is a first name only.
 */
export function splitFullName(full: string): { firstName: string; lastName: string; credentials: string | null } {
  const [namePart = '', ...afterComma] = full.split(',');
  const words = namePart.replace(/^\s*(dr\.?|doctor)\s+/i, '').trim().split(/\s+/).filter(Boolean);
  const credentials: string[] = [];
  while (words.length > 2 && CREDENTIAL.test(words[words.length - 1]!)) credentials.unshift(words.pop()!);
  // "Smith, Jr., MD": a suffix after the comma still belongs to the name.
  const rest = afterComma.map((c) => c.trim()).filter(Boolean);
  while (rest.length > 0 && SUFFIX.test(rest[0]!) && words.length > 1) words.push(rest.shift()!);
  credentials.push(...rest);
  let last = words.length > 1 ? words.pop()! : '';
  if (SUFFIX.test(last) && words.length > 1) last = `${words.pop()!} ${last}`;
  return { firstName: words.join(' '), lastName: last, credentials: credentials.join(', ') || null };
}
