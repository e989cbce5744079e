import { afterEach, describe, expect, it } from 'vitest';
import { namesClinician } from '../../src/shared/domain/person';
import { guessMapping, type ImportField } from '../../src/shared/imports/fields';
import { openTestApp, runImport, type TestApp } from '../helpers/tempApp';

/** Each header beside the field it was given, so a failure names the column. */
const mapped = (headers: string[]) => headers.map((h, i) => [h, guessMapping(headers)[i]] as [string, ImportField | null]);

describe('headers of common exports are recognised', () => {
  it('a Salesforce contacts export: Title is the role, Phone and Email are the contact’s, Mobile is left for the user', () => {
    expect(
      mapped([
        'Salutation', 'First Name', 'Last Name', 'Title', 'Account Name', 'Mailing Street', 'Mailing City', 'Mailing State/Province',
        'Mailing Zip/Postal Code', 'Phone', 'Mobile', 'Email', 'Contact Owner',
      ]),
    ).toEqual([
      ['Salutation', null], ['First Name', 'personFirstName'], ['Last Name', 'personLastName'], ['Title', 'personRole'],
      ['Account Name', 'name'], ['Mailing Street', 'address1'], ['Mailing City', 'city'], ['Mailing State/Province', 'state'],
      ['Mailing Zip/Postal Code', 'zip'], ['Phone', 'personPhone'], ['Mobile', null], ['Email', 'personEmail'], ['Contact Owner', 'owner'],
    ]);
  });

  it('a Salesforce accounts export: everything is the office’s', () => {
    expect(
      mapped(['Account Name', 'Billing Street', 'Billing City', 'Billing State/Province', 'Billing Zip/Postal Code', 'Phone', 'Fax', 'Website', 'Account Owner']),
    ).toEqual([
      ['Account Name', 'name'], ['Billing Street', 'address1'], ['Billing City', 'city'], ['Billing State/Province', 'state'],
      ['Billing Zip/Postal Code', 'zip'], ['Phone', 'phone'], ['Fax', 'fax'], ['Website', 'website'], ['Account Owner', 'owner'],
    ]);
  });

  it('a HubSpot contacts export', () => {
    expect(
      mapped(['First Name', 'Last Name', 'Email', 'Phone Number', 'Company Name', 'Job Title', 'Street Address', 'City', 'State/Region', 'Postal Code', 'Contact owner']),
    ).toEqual([
      ['First Name', 'personFirstName'], ['Last Name', 'personLastName'], ['Email', 'personEmail'], ['Phone Number', 'personPhone'],
      ['Company Name', 'name'], ['Job Title', 'personRole'], ['Street Address', 'address1'], ['City', 'city'], ['State/Region', 'state'],
      ['Postal Code', 'zip'], ['Contact owner', 'owner'],
    ]);
  });

  it('a practice spreadsheet, one row per doctor: Specialty and Email are the doctor’s, Phone is the practice’s', () => {
    expect(mapped(['Practice', 'Doctor', 'Specialty', 'Address', 'City', 'State', 'Zip', 'Phone', 'Email'])).toEqual([
      ['Practice', 'name'], ['Doctor', 'personFullName'], ['Specialty', 'personSpecialty'], ['Address', 'address1'], ['City', 'city'],
      ['State', 'state'], ['Zip', 'zip'], ['Phone', 'phone'], ['Email', 'personEmail'],
    ]);
  });

  it('an office-only sheet keeps Specialty, Phone and Email for the office, and guesses no contact field without a contact’s name', () => {
    expect(mapped(['Practice', 'Specialty', 'Phone', 'Email', 'Title', 'Mobile'])).toEqual([
      ['Practice', 'name'], ['Specialty', 'specialties'], ['Phone', 'phone'], ['Email', 'email'], ['Title', null], ['Mobile', null],
    ]);
  });

  it('headers that say whose they are win, and a plain one takes what is left', () => {
    // This app's own export with people: "Email" beside "Contact email" is the office's.
    expect(mapped(['Office name', 'Phone', 'Email', 'Specialties', 'Contact first name', 'Contact last name', 'Contact phone', 'Contact email', 'Contact specialty'])).toEqual([
      ['Office name', 'name'], ['Phone', 'phone'], ['Email', 'email'], ['Specialties', 'specialties'], ['Contact first name', 'personFirstName'],
      ['Contact last name', 'personLastName'], ['Contact phone', 'personPhone'], ['Contact email', 'personEmail'], ['Contact specialty', 'personSpecialty'],
    ]);
    // A CRM contact export that also carries the account's own phone and email.
    expect(mapped(['First Name', 'Last Name', 'Account Name', 'Account Phone', 'Company Email', 'Phone', 'Email', 'Mobile Phone'])).toEqual([
      ['First Name', 'personFirstName'], ['Last Name', 'personLastName'], ['Account Name', 'name'], ['Account Phone', 'phone'],
      ['Company Email', 'email'], ['Phone', 'personPhone'], ['Email', 'personEmail'], ['Mobile Phone', null],
    ]);
    // Mobile is the contact's number when no other column gives one; never the office's.
    expect(mapped(['Practice', 'Doctor', 'Phone', 'Mobile Phone', 'Office Email', 'Provider Email', 'Physician Specialty', 'Degree'])).toEqual([
      ['Practice', 'name'], ['Doctor', 'personFullName'], ['Phone', 'phone'], ['Mobile Phone', 'personPhone'], ['Office Email', 'email'],
      ['Provider Email', 'personEmail'], ['Physician Specialty', 'personSpecialty'], ['Degree', 'personCredentials'],
    ]);
  });

  it('reads headers however they are written', () => {
    expect(
      mapped([
        '\uFEFFPRACTICE_NAME:', '  Street   Address ', 'zip (postal code)', 'Phone (Office)', 'contact.name', 'e-mail', 'Address2',
        'Shipping City', 'billing_state', 'Company', 'Suffix', 'Account Site', 'Phone (2)', 'Company Phone',
      ]),
    ).toEqual([
      ['\uFEFFPRACTICE_NAME:', 'name'], ['  Street   Address ', 'address1'], ['zip (postal code)', 'zip'], ['Phone (Office)', 'phone'],
      ['contact.name', 'personFullName'], ['e-mail', 'personEmail'], ['Address2', 'address2'], ['Shipping City', 'city'], ['billing_state', 'state'],
      // The second office name column is left alone, as is a name suffix ("Jr.": no credential) and Salesforce's
      // "Account Site" (a place name, not a website); "Phone (2)" is a second column headed "Phone", not the first.
      ['Company', null], ['Suffix', null], ['Account Site', null], ['Phone (2)', null], ['Company Phone', null],
    ]);
  });

  it.each([
    ['Physician', true], ['MD', true], ['Orthopaedic Surgeon', true], ['Cardiologist', true], ['Nurse Practitioner', true], ['Physician Assistant', true],
    ['Office Manager', false], ['Front Desk', false], ['Referral Coordinator', false], ['Physician Referral Coordinator', false],
    ['Medical Assistant', false], ['Radiology Technologist', false], ['Billing Manager', false],
  ])('the job title %j names a clinician: %j', (title, clinician) => expect(namesClinician(title)).toBe(clinician));
});

let app: TestApp;
afterEach(() => app?.close());

describe('importing a Salesforce contacts export', () => {
  const csv = [
    'Salutation,First Name,Last Name,Title,Account Name,Mailing Street,Mailing City,Mailing State/Province,Mailing Zip/Postal Code,Phone,Mobile,Email,Contact Owner',
    'Ms.,Dana,Scott,Office Manager,Lakeview Orthopaedics,1 Lake St,Chicago,IL,60613,(773) 555-0100 x12,(312) 555-0199,dana.scott@lakeview.example,Maya Chen',
    'Dr.,Ana,Ruiz,Physician,Lakeview Orthopaedics,1 Lake St,Chicago,IL,60613,(773) 555-0101,,ana.ruiz@lakeview.example,Maya Chen',
    'Dr.,Omar,Haddad,Orthopaedic Surgeon,Lakeview Orthopaedics,1 Lake St,Chicago,IL,60613,,,,Maya Chen',
    'Mr.,Bo,Kim,Front Desk,Lakeview Orthopaedics,1 Lake St,Chicago,IL,60613,,,bo.kim@lakeview.example,Maya Chen',
    'Ms.,Eve,Adler,Practice Owner,Lakeview Orthopaedics,1 Lake St,Chicago,IL,60613,,,,Maya Chen',
  ].join('\r\n');

  it('makes the office manager and the front desk staff with their roles, the doctors physicians, and keeps each email on its person', async () => {
    app = openTestApp();
    const status = await runImport(app, { csv });
    expect(status).toMatchObject({ state: 'done', result: { created: 1, peopleCreated: 5, badRows: 0 } });

    const office = app.ctx.store.sqlite.prepare('SELECT id, name, zip, phone, email, owner_id FROM offices').all() as Record<string, unknown>[];
    expect(office).toHaveLength(1);
    // The contacts' emails and phones are theirs: none of them became the office's.
    expect(office[0]).toMatchObject({ name: 'Lakeview Orthopaedics', zip: '60613', phone: null, email: null });
    expect(office[0]!.owner_id).not.toBeNull();

    const people = app.ctx.store.sqlite
      .prepare('SELECT first_name, last_name, kind, role, credentials, phone, email, office_id FROM people ORDER BY last_name')
      .all() as Record<string, unknown>[];
    expect(people).toEqual([
      // A title that is no role the app knows: staff, role "other", the title kept in the notes, not a refused row.
      { first_name: 'Eve', last_name: 'Adler', kind: 'staff', role: 'other', credentials: null, phone: null, email: null, office_id: office[0]!.id },
      { first_name: 'Omar', last_name: 'Haddad', kind: 'physician', role: null, credentials: null, phone: null, email: null, office_id: office[0]!.id },
      { first_name: 'Bo', last_name: 'Kim', kind: 'staff', role: 'front_desk', credentials: null, phone: null, email: 'bo.kim@lakeview.example', office_id: office[0]!.id },
      { first_name: 'Ana', last_name: 'Ruiz', kind: 'physician', role: null, credentials: null, phone: '(773) 555-0101', email: 'ana.ruiz@lakeview.example', office_id: office[0]!.id },
      { first_name: 'Dana', last_name: 'Scott', kind: 'staff', role: 'office_manager', credentials: null, phone: '(773) 555-0100 x12', email: 'dana.scott@lakeview.example', office_id: office[0]!.id },
    ]);
    expect(app.ctx.store.sqlite.prepare("SELECT notes FROM people WHERE first_name = 'Eve'").get()).toEqual({ notes: 'Title: Practice Owner' });
  });
});
