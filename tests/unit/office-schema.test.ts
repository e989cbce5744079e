import { describe, expect, it } from 'vitest';
import { OfficeCreate } from '../../src/shared/domain/office';

describe('office input rules', () => {
  it('normalises what people type: phone, ZIP, state, website, kind labels, label lists', () => {
    const r = OfficeCreate.parse({
      name: '  Riverside Family Medicine ',
      kind: 'Urgent Care',
      phone: '555.201.3344',
      address: { zip: '2134', state: 'oh' },
      website: 'riverside.example.com',
      specialties: 'Family medicine; Pediatrics, family medicine',
      stage: 'Established',
    });
    expect(r).toMatchObject({
      name: 'Riverside Family Medicine',
      kind: 'urgent_care',
      phone: '(555) 201-3344',
      address: { zip: '02134', state: 'OH' },
      website: 'https://riverside.example.com/',
      specialties: ['Family medicine', 'Pediatrics'],
      stage: 'established',
      tags: [],
    });
  });

  it('explains each bad field in words', () => {
    const r = OfficeCreate.safeParse({ name: '', npi: '1234567890', phone: '12345', email: 'nope', address: { zip: 'ABCDE' }, tier: 'Z' });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byField).toMatchObject({
      name: 'Name is required',
      npi: expect.stringMatching(/check digit/),
      phone: expect.stringMatching(/10-digit/),
      email: expect.stringMatching(/email/),
      'address.zip': expect.stringMatching(/ZIP/),
      tier: expect.stringMatching(/Unknown tier/),
    });
  });
});
