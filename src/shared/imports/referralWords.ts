import { LOST_REASON_LABELS, LOST_REASONS, SOURCE_KIND_LABELS, SOURCE_KINDS, STATUS_LABELS, STATUSES, type Direction, type LostReason, type ReferralStatus, type SourceKind } from '../domain/referral';

/** A cell as compared with the words below: lower case, punctuation and extra spaces gone ("No-Show" is "no show"). */
const key = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function table<T extends string>(values: readonly T[], labels: Record<T, string>, words: Record<string, T>): Map<string, T> {
  const m = new Map<string, T>();
  for (const v of values) {
    m.set(key(v), v);
    m.set(key(labels[v]), v);
  }
  for (const [w, v] of Object.entries(words)) m.set(key(w), v);
  return m;
}

const SOURCE_WORDS = table(SOURCE_KINDS, SOURCE_KIND_LABELS, {
  physician: 'physician_office', doctor: 'physician_office', provider: 'physician_office', 'physician referral': 'physician_office', pcp: 'physician_office',
  'primary care': 'physician_office', specialist: 'physician_office', clinic: 'physician_office', practice: 'physician_office', office: 'physician_office',
  'md referral': 'physician_office', 'provider referral': 'physician_office', 'physician office': 'physician_office',
  hospital: 'hospital', inpatient: 'hospital', hospitalist: 'hospital', 'hospital discharge': 'hospital', discharge: 'hospital',
  er: 'urgent_care', ed: 'urgent_care', emergency: 'urgent_care', 'emergency room': 'urgent_care', 'emergency department': 'urgent_care',
  'urgent care': 'urgent_care', 'walk in clinic': 'urgent_care',
  self: 'patient', 'self referral': 'patient', 'self referred': 'patient', patient: 'patient', family: 'patient', friend: 'patient', 'word of mouth': 'patient', 'walk in': 'patient',
  web: 'online', website: 'online', online: 'online', internet: 'online', google: 'online', 'social media': 'online', facebook: 'online', 'web form': 'online',
  gym: 'community', community: 'community', school: 'community', employer: 'community', church: 'community', event: 'community', 'health fair': 'community',
  coach: 'community', 'athletic trainer': 'community', 'community partner': 'community',
  other: 'other',
});

const STATUS_WORDS = table(STATUSES, STATUS_LABELS, {
  new: 'received', open: 'received', pending: 'received', referred: 'received', 'in review': 'received', review: 'received', waiting: 'received', authorized: 'received',
  called: 'contacted', 'left message': 'contacted', 'left voicemail': 'contacted', attempted: 'contacted', 'in contact': 'contacted',
  booked: 'scheduled', 'appointment scheduled': 'scheduled', 'appt scheduled': 'scheduled', rescheduled: 'scheduled', confirmed: 'scheduled',
  completed: 'seen', complete: 'seen', arrived: 'seen', 'checked in': 'seen', 'checked out': 'seen', kept: 'seen', 'appointment kept': 'seen', visited: 'seen',
  'note sent': 'note_sent', 'consult note sent': 'note_sent', 'report sent': 'note_sent', 'letter sent': 'note_sent',
  discharged: 'closed', done: 'closed',
  cancelled: 'lost', canceled: 'lost', 'no show': 'lost', declined: 'lost', denied: 'lost', rejected: 'lost', 'insurance denied': 'lost', 'not covered': 'lost',
  'unable to reach': 'lost', 'unable to contact': 'lost', 'no answer': 'lost', 'went elsewhere': 'lost', 'not appropriate': 'lost', inappropriate: 'lost',
});

const LOST_WORDS = table(LOST_REASONS, LOST_REASON_LABELS, {
  'unable to reach': 'no_answer', 'unable to contact': 'no_answer', 'no response': 'no_answer', 'no show': 'no_answer', 'did not respond': 'no_answer',
  'insurance denied': 'insurance', 'not covered': 'insurance', 'out of network': 'insurance', 'no insurance': 'insurance', denied: 'insurance', coverage: 'insurance',
  'went elsewhere': 'chose_elsewhere', 'chose another provider': 'chose_elsewhere', 'another provider': 'chose_elsewhere', 'patient preference': 'chose_elsewhere',
  inappropriate: 'not_appropriate', 'not indicated': 'not_appropriate', 'wrong specialty': 'not_appropriate',
  cancelled: 'other', canceled: 'other', declined: 'other', rejected: 'other',
});

const DIRECTION_WORDS = new Map<string, Direction>(
  Object.entries({ in: 'in', incoming: 'in', inbound: 'in', received: 'in', 'referred in': 'in', 'referral in': 'in', out: 'out', outgoing: 'out', outbound: 'out', sent: 'out', 'referred out': 'out', 'referral out': 'out' }),
);

const list = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => labels[v]).join(', ');

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };
const found = <T,>(value: T | undefined, message: string): Read<T> => (value === undefined ? { ok: false, message } : { ok: true, value });

/** "Physician", "ER", "Urgent Care", "Self", "Web", "Gym"… as the kind of source. */
export const readSourceKind = (s: string): Read<SourceKind> =>
  found(SOURCE_WORDS.get(key(s)), `Not a kind of source we know; use ${list(SOURCE_KINDS, SOURCE_KIND_LABELS)}`);

/**
 * A practice system's status word as the pipeline step it means, and for a loss the reason the
 * word gives ("Cancelled" is lost for another reason; "No Show" a patient who could not be reached).
 */
export function readStatus(s: string): Read<{ status: ReferralStatus; lostReason: LostReason | null }> {
  const status = STATUS_WORDS.get(key(s));
  if (!status) return { ok: false, message: `Not a status we know; use ${list(STATUSES, STATUS_LABELS)}, or words like Scheduled, Completed, Cancelled` };
  return { ok: true, value: { status, lostReason: status === 'lost' ? (LOST_WORDS.get(key(s)) ?? 'other') : null } };
}

export const readLostReason = (s: string): Read<LostReason> => found(LOST_WORDS.get(key(s)), `Not a reason we know; use ${list(LOST_REASONS, LOST_REASON_LABELS)}`);

export const readDirection = (s: string): Read<Direction> => found(DIRECTION_WORDS.get(key(s)), 'Use In (sent to the practice) or Out (sent by it)');
