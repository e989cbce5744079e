/** Real US cities with a ZIP code that exists there, so seeded addresses look and sort like real ones. */
export const PLACES: ReadonlyArray<readonly [city: string, state: string, zip: string, areaCode: string]> = [
  ['Columbus', 'OH', '43215', '614'], ['Cleveland', 'OH', '44113', '216'], ['Cincinnati', 'OH', '45202', '513'],
  ['Dayton', 'OH', '45402', '937'], ['Akron', 'OH', '44308', '330'], ['Toledo', 'OH', '43604', '419'],
  ['Pittsburgh', 'PA', '15222', '412'], ['Philadelphia', 'PA', '19103', '215'], ['Harrisburg', 'PA', '17101', '717'],
  ['Indianapolis', 'IN', '46204', '317'], ['Fort Wayne', 'IN', '46802', '260'], ['Louisville', 'KY', '40202', '502'],
  ['Lexington', 'KY', '40507', '859'], ['Nashville', 'TN', '37203', '615'], ['Memphis', 'TN', '38103', '901'],
  ['Knoxville', 'TN', '37902', '865'], ['Atlanta', 'GA', '30303', '404'], ['Savannah', 'GA', '31401', '912'],
  ['Charlotte', 'NC', '28202', '704'], ['Raleigh', 'NC', '27601', '919'], ['Durham', 'NC', '27701', '919'],
  ['Richmond', 'VA', '23219', '804'], ['Norfolk', 'VA', '23510', '757'], ['Baltimore', 'MD', '21202', '410'],
  ['Boston', 'MA', '02108', '617'], ['Worcester', 'MA', '01608', '508'], ['Providence', 'RI', '02903', '401'],
  ['Hartford', 'CT', '06103', '860'], ['Newark', 'NJ', '07102', '973'], ['Buffalo', 'NY', '14202', '716'],
  ['Rochester', 'NY', '14604', '585'], ['Albany', 'NY', '12207', '518'], ['Detroit', 'MI', '48226', '313'],
  ['Grand Rapids', 'MI', '49503', '616'], ['Ann Arbor', 'MI', '48104', '734'], ['Chicago', 'IL', '60601', '312'],
  ['Springfield', 'IL', '62701', '217'], ['Milwaukee', 'WI', '53202', '414'], ['Madison', 'WI', '53703', '608'],
  ['Minneapolis', 'MN', '55401', '612'], ['Saint Paul', 'MN', '55102', '651'], ['Des Moines', 'IA', '50309', '515'],
  ['Omaha', 'NE', '68102', '402'], ['Kansas City', 'MO', '64105', '816'], ['St. Louis', 'MO', '63101', '314'],
  ['Denver', 'CO', '80202', '303'], ['Boulder', 'CO', '80302', '303'], ['Salt Lake City', 'UT', '84101', '801'],
  ['Phoenix', 'AZ', '85004', '602'], ['Tucson', 'AZ', '85701', '520'], ['Albuquerque', 'NM', '87102', '505'],
  ['Dallas', 'TX', '75201', '214'], ['Houston', 'TX', '77002', '713'], ['Austin', 'TX', '78701', '512'],
  ['San Antonio', 'TX', '78205', '210'], ['Oklahoma City', 'OK', '73102', '405'], ['Little Rock', 'AR', '72201', '501'],
  ['New Orleans', 'LA', '70112', '504'], ['Birmingham', 'AL', '35203', '205'], ['Jackson', 'MS', '39201', '601'],
  ['Tampa', 'FL', '33602', '813'], ['Orlando', 'FL', '32801', '407'], ['Miami', 'FL', '33130', '305'],
  ['Jacksonville', 'FL', '32202', '904'], ['Seattle', 'WA', '98101', '206'], ['Spokane', 'WA', '99201', '509'],
  ['Portland', 'OR', '97204', '503'], ['Boise', 'ID', '83702', '208'], ['Sacramento', 'CA', '95814', '916'],
  ['San Diego', 'CA', '92101', '619'], ['Fresno', 'CA', '93721', '559'], ['Las Vegas', 'NV', '89101', '702'],
];

export const SURNAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson',
  'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
  'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell',
  'Mitchell', 'Carter', 'Roberts', 'Patel', 'Shah', 'Kim', 'Chen', 'Okafor', 'Novak', 'Kowalski', 'Murphy', 'Cohen', 'Singh',
];

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Priya', 'Wei', 'Ana', 'Carlos', 'Aisha',
  'Omar', 'Mei', 'Diego', 'Fatima', 'Noah', 'Emma', 'Liam', 'Olivia', 'Ethan', 'Sophia', 'Grace', 'Samuel', 'Chloe',
];

export const SPECIALTIES = [
  'Family medicine', 'Internal medicine', 'Pediatrics', 'Orthopaedics', 'Cardiology', 'Sports medicine', 'Physical therapy',
  'Neurology', 'Rheumatology', 'Podiatry', 'Chiropractic', 'Obstetrics and gynecology', 'Pain management', 'Geriatrics',
];

export const STREETS = ['Main St', 'Oak Ave', 'Maple Dr', 'Park Blvd', 'Washington St', 'Lake Rd', 'Hill St', 'Medical Center Dr', 'Church St', 'Elm St'];
export const OWNERS = ['Maria Lopez', 'Dan Whitfield', 'Keisha Brown', 'Tom Okafor', 'Jen Park', null];
export const TAGS = ['lunch-ok', 'no-drop-ins', 'new-building', 'hospital-affiliated', 'top-referrer', 'spanish-speaking'];
export const BEST_TIMES = ['Tue/Thu after 2pm', 'Mornings before 9', 'Fridays at lunch', 'Call ahead', null];
export const LUNCH = ['Vegetarian options please', 'No shellfish', 'Gluten-free for two', 'Prefers salads', null];
