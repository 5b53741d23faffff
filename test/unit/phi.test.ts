import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectPhi, type PhiFinding, type PhiKind } from '../../utils/review/phi';

const CLINICAL = join(dirname(fileURLToPath(import.meta.url)), '../../server/demo/clinical');

/** What was found, as kind and text: easy to read when a case fails. */
function found(text: string): { kind: PhiKind; text: string }[] {
  return detectPhi(text).map((f) => ({ kind: f.kind, text: text.slice(f.start, f.end) }));
}

/** Every string in a JSON document: prompts, responses, reference answers, examples, notes. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function expectWellFormed(text: string, findings: PhiFinding[]): void {
  for (const [i, f] of findings.entries()) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThan(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.reason.length).toBeGreaterThan(0);
    const previous = findings[i - 1];
    if (previous) expect(f.start).toBeGreaterThanOrEqual(previous.end);
  }
}

// [text, kind, exact text found]
const POSITIVE: [string, PhiKind, string][] = [
  // Names
  ['Patient: John Smith', 'name', 'John Smith'],
  ['Patient John Smith was seen in clinic', 'name', 'John Smith'],
  ['pt Maria Garcia reports dyspnoea', 'name', 'Maria Garcia'],
  ['Mr. Smith was reviewed on the ward round', 'name', 'Smith'],
  ['Mrs. Garcia has COPD', 'name', 'Garcia'],
  ['Ms. Maria Garcia, 54', 'name', 'Maria Garcia'],
  ['Miss Jones declined', 'name', 'Jones'],
  ['Mr. Parkinson has a tremor', 'name', 'Parkinson'],
  ['a woman named Jane Doe', 'name', 'Jane Doe'],
  ['Name: Smith', 'name', 'Smith'],
  ['Patient name: Smith, John', 'name', 'Smith, John'],
  ['his wife Linda called the ward', 'name', 'Linda'],
  ['daughter: Maria Lopez (health care proxy)', 'name', 'Maria Lopez'],
  ['nursing home resident Mary Jones', 'name', 'Mary Jones'],
  ['Pt: J. Smith', 'name', 'J. Smith'],
  ['patient John A. Smith', 'name', 'John A. Smith'],
  ['accompanied by Jose Hernandez', 'name', 'Jose Hernandez'],
  ['Dr. Jane Roe reviewed the ECG', 'name', 'Jane Roe'],
  ['discussed with Dr Smith', 'name', 'Smith'],
  ['Signed: Jane Roe, MD', 'name', 'Jane Roe'],
  ['John Smith is a 45-year-old man with chest pain', 'name', 'John Smith'],
  ['Jane Doe, a 62-year-old woman, has fever', 'name', 'Jane Doe'],
  ['Maria Garcia presented with chest pain', 'name', 'Maria Garcia'],
  ['Patient Seán O’Brien', 'name', 'Seán O’Brien'],
  // Dates and ages
  ['seen 03/14/1962', 'date', '03/14/1962'],
  ['14/03/1962', 'date', '14/03/1962'],
  ['1962-03-14', 'date', '1962-03-14'],
  ['born March 14, 1962', 'date', 'March 14, 1962'],
  ['14 March 1962', 'date', '14 March 1962'],
  ['last seen Mar 14', 'date', 'Mar 14'],
  ['Mar. 14th, 1962', 'date', 'Mar. 14th, 1962'],
  ['14th of March', 'date', '14th of March'],
  ['DOB 3/14/62', 'date', '3/14/62'],
  ['DOB: 03-14-62', 'date', '03-14-62'],
  ['DOB: 14-MAR-1962', 'date', '14-MAR-1962'],
  ['14.03.1962', 'date', '14.03.1962'],
  ['admitted on 3/14', 'date', '3/14'],
  ['born on the 14th', 'date', '14th'],
  ['discharged in March 2019', 'date', 'March 2019'],
  ['date of death: 2/9', 'date', '2/9'],
  ['a 92-year-old man', 'date', '92-year-old'],
  ['she is 100 years old', 'date', '100 years old'],
  ['95 y/o female', 'date', '95 y/o'],
  ['aged 95', 'date', '95'],
  ['Age: 91', 'date', '91'],
  // Phone and fax
  ['phone (555) 123-4567', 'phone', '(555) 123-4567'],
  ['call 555-123-4567 with results', 'phone', '555-123-4567'],
  ['555.123.4567', 'phone', '555.123.4567'],
  ['1-800-555-0199', 'phone', '1-800-555-0199'],
  ['+1 555 123 4567', 'phone', '+1 555 123 4567'],
  ['+44 20 7946 0958', 'phone', '+44 20 7946 0958'],
  ['+33 1 23 45 67 89', 'phone', '+33 1 23 45 67 89'],
  ['Tel: 020 7946 0958', 'phone', '020 7946 0958'],
  ['mobile 5551234567', 'phone', '5551234567'],
  ['cell 555-1234', 'phone', '555-1234'],
  ['Fax: (555) 123-4567', 'fax', '(555) 123-4567'],
  ['fax no. 555-123-4567', 'fax', '555-123-4567'],
  ['(555) 987-6543 (fax)', 'fax', '(555) 987-6543'],
  ['Fax +44 20 7946 0959', 'fax', '+44 20 7946 0959'],
  // Email
  ['email john.smith@example.com today', 'email', 'john.smith@example.com'],
  ['<j_doe+ed@mail.hospital.org>', 'email', 'j_doe+ed@mail.hospital.org'],
  // SSN
  ['SSN 123-45-6789', 'ssn', '123-45-6789'],
  ['123-45-6789', 'ssn', '123-45-6789'],
  ['SSN 123456789', 'ssn', '123456789'],
  ['social security number 123 45 6789', 'ssn', '123 45 6789'],
  // Record, account, health-plan, licence numbers
  ['MRN 12345678', 'record_number', '12345678'],
  ['MRN: A1234567', 'record_number', 'A1234567'],
  ['MRN is 00123456', 'record_number', '00123456'],
  ['medical record number 00123456', 'record_number', '00123456'],
  ['account #98765', 'record_number', '98765'],
  ['account number 4455667', 'record_number', '4455667'],
  ['member ID XYZ123456', 'record_number', 'XYZ123456'],
  ['policy number POL-2233-44', 'record_number', 'POL-2233-44'],
  ['health plan ID 99887766', 'record_number', '99887766'],
  ['Medicare number 1EG4-TE5-MK73', 'record_number', '1EG4-TE5-MK73'],
  ['license no. D1234567', 'record_number', 'D1234567'],
  ["driver's license D1234567", 'record_number', 'D1234567'],
  ['NPI 1234567893', 'record_number', '1234567893'],
  ['DEA AB1234567', 'record_number', 'AB1234567'],
  ['death certificate number 2019-000123', 'record_number', '2019-000123'],
  ['NHS number 943 476 5919', 'record_number', '943 476 5919'],
  // Vehicles
  ['VIN 1HGCM82633A004352', 'vehicle', '1HGCM82633A004352'],
  ['car 1HGCM82633A004352 towed', 'vehicle', '1HGCM82633A004352'],
  ['license plate ABC 1234', 'vehicle', 'ABC 1234'],
  ['license plate is 7XYZ123', 'vehicle', '7XYZ123'],
  // Devices
  ['pacemaker serial number PJN123456', 'device', 'PJN123456'],
  ['S/N 12AB-34CD', 'device', '12AB-34CD'],
  ['SN: 99812-AB', 'device', '99812-AB'],
  ['device ID DEV-00991', 'device', 'DEV-00991'],
  ['pump MAC 00:1A:2B:3C:4D:5E', 'device', '00:1A:2B:3C:4D:5E'],
  // URLs and IPs
  ['see https://example.com/patients/123.', 'url', 'https://example.com/patients/123'],
  ['www.example.org', 'url', 'www.example.org'],
  ['portal at mychart.example.com/login', 'url', 'mychart.example.com/login'],
  ['192.168.1.20', 'ip', '192.168.1.20'],
  ['from 10.0.0.7 at night', 'ip', '10.0.0.7'],
  ['2001:db8::1', 'ip', '2001:db8::1'],
  ['fe80::1ff:fe23:4567:890a', 'ip', 'fe80::1ff:fe23:4567:890a'],
  ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'ip', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
  // Addresses and ZIP codes
  ['lives at 123 Main Street', 'address', '123 Main Street'],
  ['45 Elm Ave', 'address', '45 Elm Ave'],
  ['12 W 5th St, Apt 4B', 'address', '12 W 5th St, Apt 4B'],
  ['1600 Martin Luther King Blvd', 'address', '1600 Martin Luther King Blvd'],
  ['P.O. Box 123', 'address', 'P.O. Box 123'],
  ['ZIP 12345', 'zip', '12345'],
  ['zip code: 62704', 'zip', '62704'],
  ['12345-6789', 'zip', '12345-6789'],
  ['Boston, MA 02115', 'zip', '02115'],
];

// Ordinary clinical text: none of it may raise an alarm.
const NEGATIVE: string[] = [
  // Vitals, labs, doses, rates
  'BP 120/80',
  'BP 94/56 mmHg',
  'HR 118/min',
  'RR 24',
  'SpO2 96% on room air',
  'T 38.9 °C',
  'lactate 4.3 mmol/L',
  'HbA1c 7.2%',
  'PaO2/FiO2 180',
  'ABG 7.21/28/64/11',
  'Vent settings 450/14/5/40%',
  'pH 7.32',
  'WBC 12,000/µL',
  'eGFR 45 mL/min/1.73 m²',
  'CD4 count 350',
  '0.5 mg IM',
  '30 mL/kg',
  '2,100 mL',
  'norepinephrine 0.05 µg/kg/min',
  '10 mEq/h',
  'Heparin 80 units/kg bolus then 18 units/kg/h',
  '1:1000',
  'ratio 1:1',
  '3/4 criteria',
  '24/7',
  'q6h',
  'TID',
  '4-6 hours',
  '20-30 mL/kg',
  '95% CI 1.2-3.4',
  'troponin 0.04 ng/mL at 0 h and 0.05 at 3 h',
  'ED arrival 14:32, reassessed 10:30:45',
  // Days, durations, years, ages under 90, thresholds
  'day 3',
  'POD 2',
  'hospital day 5',
  '3 days',
  '2 weeks',
  'He was admitted 3 days ago and discharged on day 5',
  'a 62-year-old woman',
  'A 91 kg man',
  '90-day mortality',
  'aged 90 or older',
  'age 90+',
  'patients 90 years old or older',
  'age ≥90 years',
  'in 2019',
  '2023 ACC/AHA guideline',
  'Dec 2023 update',
  'Surviving Sepsis Campaign 2021',
  // Scores, grades, classifications, anatomy, codes
  'T2DM',
  'GCS 15',
  'qSOFA 2/3',
  'CHA2DS2-VASc 2',
  'HEART score 4',
  'CURB-65 score 3',
  'Lung-RADS 2',
  'BI-RADS 4',
  'NYHA class III',
  'Killip II',
  'stage 3 CKD',
  'grade II cholecystitis',
  'ECOG 2',
  'TNM T2N1M0',
  'Mobitz II',
  'V1–V3',
  'S1Q3T3',
  'L4-L5',
  'C5 fracture',
  '12-lead ECG',
  'ECG: sinus tachycardia',
  'ST elevation in II, III, aVF',
  '5 mm nodule',
  '6 × 4 mm',
  '1.2 cm',
  'vitamin B12',
  'COVID-19',
  'H1N1',
  'IL-6',
  'I-131 therapy',
  'ICD-10 A41.9',
  'CPT 99285',
  // Citations and references
  'JAMA 2016;315:801–810',
  'NEJM 2000;342:1301–1308',
  'JAMA. 2016 Feb 23;315(8):801-10.',
  'PMID 26903338',
  'doi 10.1001/jama.2016.0287',
  'https://doi.org/10.1001/jama.2016.0287',
  'Sepsis-3 (Singer et al., JAMA 2016)',
  'Fleischner Society 2017 (MacMahon et al.)',
  'Six, Backus, Kelder, Neth Heart J 2008',
  'ACC/AHA, IDSA and NICE guidelines',
  'see section 4.2.1.3',
  'healthbench_eval.py, eval/formats/README.md',
  'e.g. i.e. vs. et al.',
  // Eponyms
  'Glasgow Coma Scale',
  'patient Glasgow Coma Scale 8',
  'Wells score',
  "the patient's Wells score is 4",
  "Crohn's disease",
  "Parkinson's disease",
  'Cushing syndrome',
  'Addison disease',
  'Hodgkin lymphoma',
  'Kaplan–Meier curve',
  "Hartmann's procedure",
  'Whipple procedure',
  'Foley catheter',
  'Stevens-Johnson syndrome',
  'Guillain-Barré syndrome',
  'Swan-Ganz catheter',
  "Lactated Ringer's 1 L",
  "St. John's wort",
  // Words next to name and number labels
  'Patient Health Questionnaire (PHQ-9)',
  '## Patient Education',
  'Resident Physician duty hours',
  'Seen by Cardiology',
  'Drug name: Metformin',
  "Don't Miss Sepsis",
  'MR moderate, MS severe',
  'Family history: mother Diabetes, father MI',
  'father Type 2 diabetes',
  '1 pt each',
  'serial troponins at 0 and 3 h',
  'ID consult recommended',
  'hospital policy 2019',
  'DOB unknown',
  'call 911',
  'Please call if SpO2 falls below 90%',
  'the plate and screws',
  'MAR reviewed, 2 doses given',
  'Step 3:',
  '3. Check lactate',
];

describe('detectPhi finds each kind of identifier', () => {
  it.each(POSITIVE)('%s → %s', (text, kind, expected) => {
    const findings = found(text);
    expect(findings).toContainEqual({ kind, text: expected });
  });

  it('covers every kind', () => {
    const kinds = new Set(POSITIVE.map(([, kind]) => kind));
    expect([...kinds].sort()).toEqual(
      [
        'address',
        'date',
        'device',
        'email',
        'fax',
        'ip',
        'name',
        'phone',
        'record_number',
        'ssn',
        'url',
        'vehicle',
        'zip',
      ].sort(),
    );
    expect(POSITIVE.length).toBeGreaterThanOrEqual(40);
  });

  it('finds every identifier in a mixed sentence, in text order', () => {
    const text =
      'Patient John Smith, DOB 03/14/1962, MRN 12345678, lives at 42 Oak Street, Springfield, IL 62704, phone (555) 123-4567';
    expect(found(text)).toEqual([
      { kind: 'name', text: 'John Smith' },
      { kind: 'date', text: '03/14/1962' },
      { kind: 'record_number', text: '12345678' },
      { kind: 'address', text: '42 Oak Street, Springfield, IL' },
      { kind: 'zip', text: '62704' },
      { kind: 'phone', text: '(555) 123-4567' },
    ]);
  });

  it('finds identifiers across several sentences', () => {
    const text =
      'Seen by Dr. Jane Roe on 14 March 2024. Her son Carlos (phone 555-987-6543, fax 555-987-6544) ' +
      'asked for records to be sent to carlos.r@example.net. SSN 123-45-6789; member ID ABC123456.';
    expect(found(text)).toEqual([
      { kind: 'name', text: 'Jane Roe' },
      { kind: 'date', text: '14 March 2024' },
      { kind: 'name', text: 'Carlos' },
      { kind: 'phone', text: '555-987-6543' },
      { kind: 'fax', text: '555-987-6544' },
      { kind: 'email', text: 'carlos.r@example.net' },
      { kind: 'ssn', text: '123-45-6789' },
      { kind: 'record_number', text: 'ABC123456' },
    ]);
  });

  it('explains each finding in plain words', () => {
    const reasons = (text: string) => detectPhi(text).map((f) => f.reason);
    expect(reasons('DOB 03/14/1962')).toEqual(['dateOfBirth']);
    expect(reasons('admitted 3/14')).toEqual(['eventDate']);
    expect(reasons('phone 555-123-4567')).toEqual(['phone']);
    expect(reasons('fax 555-123-4567')).toEqual(['fax']);
    expect(reasons('MRN 12345678')).toEqual(['medicalRecordNumber']);
    expect(reasons('policy number 12345678')).toEqual(['healthPlanNumber']);
    expect(reasons('a 92-year-old')).toEqual(['ageOver89']);
    expect(reasons('Dr. Jane Roe')).toEqual(['clinicianName']);
  });
});

describe('detectPhi stays quiet on ordinary clinical text', () => {
  it('has a large table of negative cases', () => {
    expect(NEGATIVE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(NEGATIVE)('%s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it.each(['tasks.json', 'conversation.json'])('finds nothing in the synthetic fixture %s', (file) => {
    const texts = strings(JSON.parse(readFileSync(join(CLINICAL, file), 'utf8')));
    expect(texts.length).toBeGreaterThan(50);
    const alarms = texts.flatMap((text) => found(text).map((f) => ({ ...f, in: text.slice(0, 80) })));
    expect(alarms).toEqual([]);
  });
});

describe('detectPhi results', () => {
  it('returns nothing for an empty string', () => {
    expect(detectPhi('')).toEqual([]);
  });

  it('gives correct, ordered, non-overlapping offsets', () => {
    const text = [...POSITIVE.map(([t]) => t), ...NEGATIVE].join('\n');
    const findings = detectPhi(text);
    expectWellFormed(text, findings);
    for (const [, kind, expected] of POSITIVE) {
      expect(findings.some((f) => f.kind === kind && text.slice(f.start, f.end) === expected)).toBe(true);
    }
  });

  it('counts offsets in UTF-16 code units', () => {
    const text = '🩺 Patient: John Smith 🫀 MRN 12345678';
    const findings = detectPhi(text);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['John Smith', '12345678']);
  });

  it('lets the more specific reading win where two overlap', () => {
    // A number after "fax" is a fax, not a phone; a number after "MRN" is a record number.
    expect(found('Fax: (555) 123-4567')).toEqual([{ kind: 'fax', text: '(555) 123-4567' }]);
    expect(found('MRN 555-123-4567')).toEqual([{ kind: 'record_number', text: '555-123-4567' }]);
  });
});

describe('detectPhi on large and pathological input', () => {
  const clinical = readFileSync(join(CLINICAL, 'tasks.json'), 'utf8');
  const inputs: [string, string][] = [
    ['clinical text', clinical.repeat(3)],
    ['a run of digits', '1'.repeat(200_000)],
    ['digits and slashes', '1/'.repeat(100_000)],
    ['digits, slashes, dashes and spaces', '12/3 4-5 6/7/8 '.repeat(14_000)],
    ['dotted digits', '1.'.repeat(100_000)],
    ['colons', '1:a:'.repeat(50_000)],
    ['dotted letters', 'a.'.repeat(100_000)],
    ['capitalised words', 'Patient Aaaa Bbbb Cccc '.repeat(9_000)],
    ['plus signs and digits', '+1 2 3 '.repeat(30_000)],
    ['at signs', 'a@'.repeat(100_000)],
    ['findings everywhere', 'Patient John Smith, DOB 03/14/1962, MRN 12345678, phone (555) 123-4567. '.repeat(2_800)],
  ];

  it.each(inputs)('handles 200 KB of %s well under 200 ms', (_name, raw) => {
    const text = raw.slice(0, 200_000);
    detectPhi(text.slice(0, 1000)); // compile the patterns first
    const started = performance.now();
    const findings = detectPhi(text);
    expect(performance.now() - started).toBeLessThan(200);
    expectWellFormed(text, findings);
  });
});
