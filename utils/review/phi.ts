/**
 * PHI guard. Prompts, rewrites and comments that experts write must be synthetic. Before a review is
 * submitted the panel runs `detectPhi` on every text the expert wrote, shows what was found and where,
 * and asks the expert to fix it or to confirm that it is not real patient data.
 *
 * It looks for the HIPAA Safe Harbor identifiers that can appear in free text (45 CFR 164.514(b)(2)):
 * names, dates more specific than a year (and ages over 89), phone and fax numbers, email addresses,
 * SSNs, record / account / health-plan / licence numbers, vehicle and device identifiers, URLs,
 * IP addresses, street addresses and ZIP codes.
 *
 * Design: a table of detectors, each a regex, an optional context check and a reason. Precision
 * matters as much as recall, because a guard that cries wolf gets clicked through. So a pattern only
 * fires on a shape that ordinary clinical text does not produce (vitals, doses, ratios, scores, grades,
 * citations, eponyms, guideline years), or on an explicit label ("MRN", "DOB", "phone", "Mr.").
 * Every quantifier is bounded, so no input makes a pattern backtrack catastrophically.
 */

export type PhiKind =
  | 'name'
  | 'date'
  | 'phone'
  | 'fax'
  | 'email'
  | 'ssn'
  | 'record_number'
  | 'address'
  | 'zip'
  | 'url'
  | 'ip'
  | 'vehicle'
  | 'device';

/** Why a finding was flagged, finer than its kind; the panel says it in the user's language (components/labels.ts). */
export type PhiReason =
  | 'email'
  | 'webAddress'
  | 'ipAddress'
  | 'ssn'
  | 'fax'
  | 'phone'
  | 'vin'
  | 'licencePlate'
  | 'deviceSerial'
  | 'deviceMac'
  | 'accountNumber'
  | 'healthPlanNumber'
  | 'licenceNumber'
  | 'medicalRecordNumber'
  | 'dateOfBirth'
  | 'eventDate'
  | 'fullDate'
  | 'ageOver89'
  | 'zipCode'
  | 'streetAddress'
  | 'clinicianName'
  | 'personName'
  | 'patientName'
  | 'relativeName';

export interface PhiFinding {
  kind: PhiKind;
  /** UTF-16 offsets into the text: text.slice(start, end) is what was found. */
  start: number;
  end: number;
  reason: PhiReason;
  /** Found by its words alone, where the conversation gave it away elsewhere (see capture-privacy.ts). */
  elsewhere?: true;
}

interface Span {
  start: number;
  end: number;
}

/** One regex match, seen by a detector's check and reason. */
interface Match extends Span {
  /** The whole input text. */
  text: string;
  /** What would be reported: text.slice(start, end). */
  value: string;
  /** Start of the whole match, label included (start is where the reported value begins). */
  matchStart: number;
  groups: Partial<Record<string, string>>;
}

interface Detector {
  kind: PhiKind;
  /**
   * Built with `re()`. If the pattern has a named group `v`, that group is the finding and the rest of
   * the match is context (a label such as "MRN"); otherwise the whole match is the finding.
   */
  pattern: RegExp;
  reason: PhiReason | ((m: Match) => PhiReason);
  /** Context the regex cannot express readably: false drops the match, a span narrows it. */
  check?: (m: Match) => boolean | Span;
}

// ---------------------------------------------------------------------------------------------------
// Pattern pieces

const S = String.raw;

/** Every pattern gets `d` (group offsets), `g` (all matches) and `u` (\p{…} classes). */
function re(source: string, flags = ''): RegExp {
  return new RegExp(source, `dgu${flags}`);
}

/** Not in the middle of a word or a number. */
const BEFORE = S`(?<![\p{L}\p{N}_])`;
const AFTER = S`(?![\p{L}\p{N}_])`;
/** A space that does not cross a line: a name or a date never continues on the next line. */
const SP = S`[ \t\u00A0]`;

/**
 * One capitalised name word: Smith, García, McDonald, O'Brien, Smith-Jones. It needs lower-case
 * letters after the capital, so acronyms (GCS, HEART, CKD, NYHA) and scores (CHA2DS2-VASc) never
 * look like names. Names patterns are case-sensitive for this reason (no `i` flag: with `u`, `i`
 * would let \p{Lu} match lower case).
 */
const NAME_WORD = S`(?:\p{Lu}['’])?\p{Lu}\p{Ll}{1,30}(?:\p{Lu}\p{Ll}{1,30})?(?:-\p{Lu}\p{Ll}{1,30})?`;
const PARTICLES = S`(?:(?:van|von|de|del|della|da|di|du|le|la|bin|ibn|al)${SP}+){0,2}`;
/** First [middle initial] last: "John Smith", "John A. Smith", "Maria de la Cruz". */
const FIRST_LAST = S`${NAME_WORD}(?:${SP}+\p{Lu}\.?)?${SP}+${PARTICLES}${NAME_WORD}${AFTER}`;
/** "J. Smith". */
const INITIAL_LAST = S`\p{Lu}\.${SP}?${NAME_WORD}${AFTER}`;
/** "Smith, John": only after an explicit label, where a comma cannot be a list of eponyms. */
const LAST_FIRST = S`${NAME_WORD},${SP}*${NAME_WORD}${AFTER}`;
const SINGLE_NAME = S`${NAME_WORD}${AFTER}`;

/** "Patient", "patient" and "PATIENT", for the case-sensitive name patterns. */
function anyCase(words: string[]): string {
  const forms = words.flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()]);
  return `(?:${forms.join('|')})`;
}

const MONTH = S`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
/** Upper-case months only inside the EHR form 14-MAR-1962: alone, "MAR" is the medication record. */
const MONTH_UPPER = S`(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)`;
const DAY = S`(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const YEAR = S`(?:1[89]|20)\d\d`;

const US_PHONE = S`(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}-\d{3}-\d{4}|\d{3}\.\d{3}\.\d{4})`;
/** "+44 20 7946 0958": the plus and the separators are required; a digit count check follows. */
const INTL_PHONE = S`\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]\d{1,5}){1,6}`;
/** After a phone label any grouping will do ("555 1234", "020 7946 0958"); digits are counted. */
const LABELLED_PHONE = S`\+?(?:\(\d{1,4}\)|\d{1,15})(?:[ .-]{1,2}(?:\(\d{1,4}\)|\d{2,15})){0,5}`;
const PHONE_END = S`(?!\d|[.-]\d)`;
/** Label, then "no.", ":", "#", "is" in any common arrangement: "MRN: 123", "account # 123", "NPI is 123". */
const LINK = S`(?:${SP}*(?:no\.?|number|num|#|id)(?![\p{L}]))?${SP}*[:#=.-]?${SP}*(?:(?:is|was|at|on)${SP}+)?#?${SP}*`;

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';
/** Short street types (St, Dr, Ct, Pl) are safe only because a number and a capitalised word come first. */
const STREET_TYPE = S`(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace|Ter|Way|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Alley|Crescent|Plaza)`;

// ---------------------------------------------------------------------------------------------------
// Word lists for names

function wordSet(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

/**
 * Words that are not names even when capitalised after "patient", "Mr." or "named": sentence words,
 * sex and status words, and the words of headings such as "Patient Health Questionnaire",
 * "Patient Safety Indicators" or "Resident Physician".
 */
const NOT_NAMES = wordSet(`
  the a an this that these those he she they his her hers their it its is was were has had have
  with without and or but of in on at to for from by as who which no not yes all any each both none
  other will would should can could may might must also then now here there when where after before
  during since until per via please note see
  male female man woman boy girl infant baby child adult elderly gentleman lady
  presents presented presenting reports reported reporting denies denied complains complained states
  stated admitted discharged transferred returns returned arrives arrived remains remained
  stable unstable alert oriented awake intubated sedated afebrile febrile hypotensive tachycardic
  history hx information info education safety health care portal centered centred controlled
  outcome outcomes experience satisfaction records record consent rights advocate advocacy navigator
  identifier identification name names room bed unit ward floor physician doctor nurse assistant
  practitioner resident fellow attending intern student questionnaire protection summary data
  demographics status preference preferences assessment plan note notes discharge admission transfer
  transport monitoring monitor medication medications allergies allergy vitals vital sign signs chief
  complaint problem problems list review systems exam examination physical labs lab imaging results
  impression diagnosis differential disposition follow instructions reason visit age sex gender
  number date time type class stage grade level total unknown anonymous redacted deidentified
  synthetic example sample test demo case scenario vignette prompt question answer response model
  user step day week month year today yesterday tomorrow morning evening night
  monday tuesday wednesday thursday friday saturday sunday
  blood heart lung kidney liver brain pain chest emergency department hospital clinic intensive
  primary secondary acute chronic severe mild moderate critical general internal family medicine
  surgery surgical medical cardiology oncology radiology pediatrics paediatrics obstetrics
  engagement activation access identity privacy
  diabetes diabetic hypertension hypertensive cancer breast colon prostate ovarian stroke asthma copd
  alive deceased healthy well died living passed obese obesity depression anxiety bipolar
  schizophrenia alcoholism addiction epilepsy seizures migraine glaucoma arthritis lupus leukemia
  leukaemia melanoma thyroid renal cardiac coronary myocardial sudden adopted negative positive
  noncontributory non-contributory
`);

/**
 * Eponyms of scores, diseases, signs, procedures and devices, and place names of classifications.
 * A candidate whose first word is one of these is not taken as a name after "patient" or "named"
 * ("patient Glasgow Coma Scale 8", "the patient Wells Score"). After "Mr."/"Dr." they still count:
 * there they can only be surnames.
 */
const EPONYMS = wordSet(`
  glasgow wells crohn parkinson cushing addison hodgkin kaplan meier hartmann whipple foley alzheimer
  huntington graves hashimoto guillain barre barré kawasaki wernicke korsakoff raynaud sjogren sjögren
  bell marfan down turner klinefelter tourette brugada wolff mallory zollinger cheyne kussmaul murphy
  mcburney rovsing trousseau chvostek virchow homans babinski romberg kernig brudzinski apgar ranson
  bishop framingham heimlich valsalva trendelenburg seldinger swan hickman mallampati cormack beck
  cullen osler janeway roth kerley westermark hampton fleischner bosniak breslow gleason bethesda gram
  coombs tinel phalen lachman mcmurray horner kaposi burkitt ewing wilms hirschsprung meckel barrett
  zenker boerhaave budd chiari dandy sturge von willebrand killip forrester caprini padua geneva
  ottawa canadian centor alvarado balthazar atlanta tokyo berlin stevens epstein creutzfeldt gehrig
  ludwig fournier charcot heberden dupuytren peyronie paget pott colles monteggia galeazzi mobitz
  wenckebach bazett fridericia sgarbossa wellens osborn duke rockall blatchford forrest savary prague
  mayo truelove montreal lugano durie karnofsky lansky braden norton morse richmond ramsay aldrete
  lehane child pugh light sepsis surviving modified revised american british european world national
  international society college association academy campaign fontaine rutherford wagner
  hunt hess spetzler fisher sarnat ballard silverman dubowitz denver bristol rome manning lown
`);

/** A name candidate followed by one of these is an eponym in use: "Wells score", "Foley catheter". */
const CLINICAL_NOUNS = wordSet(`
  score scores scale criteria criterion rule rules sign signs syndrome disease procedure operation
  repair catheter tube classification class stage grade test maneuver manoeuvre index equation
  formula triad reflex phenomenon lymphoma palsy dementia chorea ulcer ulcers tumor tumour sarcoma
  node nodes cell cells body bodies fracture approach method technique protocol guideline guidelines
  pathway curve estimator plot position incision point line lines block nodule nodules esophagus
  oesophagus encephalopathy disorder deformity contracture law principle inventory tool bundle
  campaign trial study cohort society association college foundation institute hospital clinic
  center centre university school coma
`);

/** Words that come before "name:" when the name is not a person's: "Drug name: …", "File name: …". */
const NOT_PERSON_NAME_LABEL =
  /(?:drug|medication|med|brand|generic|trade|product|device|file|user|host|model|test|study|trial|score|company|hospital|facility|program|project|field|variable|column|guideline|protocol|tool|form|site|domain|organism)[ \t]*$/i;

const FAMILY_ROLES = [
  'son',
  'daughter',
  'wife',
  'husband',
  'mother',
  'father',
  'brother',
  'sister',
  'spouse',
  'partner',
  'grandson',
  'granddaughter',
  'grandmother',
  'grandfather',
  'nephew',
  'niece',
  'uncle',
  'aunt',
  'guardian',
  'caregiver',
  'carer',
];
const PATIENT_ROLES = ['patient', 'pt', 'client', 'resident'];
/** Two-word phrases that introduce a person ("accompanied by Jane Roe"). */
const PERSON_PHRASES = [
  'next of kin',
  'emergency contact',
  'accompanied by',
  'brought in by',
  'seen by',
  'referred by',
  'signed by',
  'attending',
  'surgeon',
  'physician',
  'nurse',
  'PCP',
];

function lower(word: string): string {
  return word.toLowerCase().replace(/['’]s$/, '');
}

/**
 * The context rules shared by all name detectors. Words the pattern took that are not names are
 * trimmed from the end ("Mr. Smith Reports" → "Smith"); what is left must have `minWords` name words
 * and no heading or clinical word, and must not be followed by a clinical noun ("Wells score").
 */
function nameCheck(m: Match, opts: { minWords: 1 | 2; eponymsAllowed: boolean }): Span | false {
  // Capitalised words only (particles such as "de la" are not checked); an initial ("A.") counts
  // towards the number of words but is never a stop word.
  const words = [...m.value.matchAll(/[\p{L}'’-]+/gu)]
    .filter((w) => /^\p{Lu}/u.test(w[0]))
    .map((w) => ({ word: lower(w[0]), initial: w[0].length === 1, end: m.start + w.index + w[0].length }));
  const notAName = (w: { word: string; initial: boolean }) =>
    !w.initial && (NOT_NAMES.has(w.word) || CLINICAL_NOUNS.has(w.word));
  while (words.length > opts.minWords) {
    const last = words[words.length - 1];
    if (!last || !notAName(last)) break;
    words.pop();
  }
  const first = words.find((w) => !w.initial);
  const last = words[words.length - 1];
  if (!first || !last || last.initial || words.length < opts.minWords) return false;
  if (words.some(notAName)) return false;
  if (!opts.eponymsAllowed && EPONYMS.has(first.word)) return false;
  const next = /^(?:['’]s)?[ \t]+([\p{L}-]+)/u.exec(m.text.slice(last.end, last.end + 40));
  if (next?.[1] && CLINICAL_NOUNS.has(next[1].toLowerCase())) return false;
  return { start: m.start, end: last.end };
}

// ---------------------------------------------------------------------------------------------------
// Other checks

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length;
}

/** Two numbers that can be a day and a month in either order (US 03/14, European 14/03). */
function isDayAndMonth(a: number, b: number): boolean {
  const dayMonth = a >= 1 && a <= 31 && b >= 1 && b <= 12;
  const monthDay = a >= 1 && a <= 12 && b >= 1 && b <= 31;
  return dayMonth || monthDay;
}

/** A numeric date "a/b[/y]" whose first two parts are a day and a month, with a plausible year. */
function isNumericDate(value: string): boolean {
  const parts = value.split(/[/.-]/).map(Number);
  const [a, b, y] = parts;
  if (a === undefined || b === undefined || !isDayAndMonth(a, b)) return false;
  return y === undefined || value.split(/[/.-]/)[2]?.length === 2 || (y >= 1800 && y <= 2099);
}

const DOB_CONTEXT = /(?:\bDOB|\bD\.O\.B\.?|\bbirth|\bborn)\b[^.\n]{0,20}$/i;
const EVENT_CONTEXT =
  /\b(?:admi(?:tted|ssion)|discharged?|died|death|deceased|expired|transferred|surgery|visit|seen)\b[^.\n]{0,20}$/i;

function dateReason(m: Match): PhiReason {
  const before = m.text.slice(Math.max(0, m.start - 40), m.start);
  if (DOB_CONTEXT.test(before)) return 'dateOfBirth';
  if (EVENT_CONTEXT.test(before)) return 'eventDate';
  return 'fullDate';
}

/** A month name and a day in a citation ("JAMA. 2016 Feb 23;315(8):801") are not about a patient. */
function notCitationOrDose(m: Match): boolean {
  const before = m.text.slice(Math.max(0, m.start - 6), m.start);
  const after = m.text.slice(m.end, m.end + 12);
  if (/(?:1[89]|20)\d\d\.?[ \t]$/.test(before)) return false;
  if (/^[;:]\s*\d|^\s*\(\d/.test(after)) return false;
  // "May 5 mg" is a sentence that starts with "May", not a date.
  return !/^\s*(?:mg|mcg|µg|g|kg|ml|l|mmol|meq|units?|%|mm|cm|days?|hours?|h|min|weeks?|doses?|tabs?|tablets?)\b/i.test(
    after,
  );
}

/** "section 4.2.1.3" is a heading number, and 1.2.3.4 is a list: not an IP address. */
function isIpv4(m: Match): boolean {
  if (m.value.split('.').every((octet) => octet.length === 1)) return false;
  const before = m.text.slice(Math.max(0, m.start - 16), m.start);
  return !/(?:section|sect|§|table|fig|figure|version|ver|v|step|item|chapter|appendix|rule|para)\.?[ \t]*$/i.test(
    before,
  );
}

/** Real IPv6 only: eight groups, or one "::" that stands for the missing ones. Times (12:30:45) fail. */
function isIpv6(m: Match): boolean {
  const halves = m.value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  if (halves.length === 1) return groups.length === 8;
  // Compressed: "2001:db8::1", "fe80::1ff:fe23". Ratios and typos ("1::2") have no letters and few groups.
  return groups.length <= 7 && groups.length >= 2 && (groups.length >= 3 || /[a-f]/i.test(m.value));
}

/**
 * Links to public literature and guideline sites identify no one; a clinician citing a source should
 * not have to confirm it is not PHI.
 */
const REFERENCE_HOSTS = [
  'doi.org',
  'ncbi.nlm.nih.gov',
  'nih.gov',
  'clinicaltrials.gov',
  'cdc.gov',
  'fda.gov',
  'who.int',
  'nice.org.uk',
  'cochranelibrary.com',
];

function isPrivateUrl(m: Match): boolean {
  const host = /^(?:[a-z]+:\/\/)?([^/?#:]+)/i.exec(m.value)?.[1]?.toLowerCase() ?? '';
  return !REFERENCE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

/** The labelled value must hold a digit: "MRN: unknown", "policy number pending" are not numbers. */
function hasDigit(m: Match): boolean {
  return /\d/.test(m.value) && m.value.length >= 4;
}

function recordReason(m: Match): PhiReason {
  const label = (m.groups.label ?? '').toLowerCase();
  if (/acc(?:oun)?t/.test(label)) return 'accountNumber';
  if (/member|subscriber|group|policy|claim|insurance|plan|beneficiary|medicare|medicaid|mbi|nhs/.test(label)) {
    return 'healthPlanNumber';
  }
  if (/licen|dea|npi|certificate/.test(label)) return 'licenceNumber';
  return 'medicalRecordNumber';
}

// ---------------------------------------------------------------------------------------------------
// The detectors, most specific first: where two findings overlap, the earlier detector wins
// (a number after "fax" is a fax, not a phone; "MRN 555-123-4567" is a record number).

const DETECTORS: Detector[] = [
  // --- Email and web -------------------------------------------------------------------------------
  {
    kind: 'email',
    reason: 'email',
    pattern: re(S`(?<![\w.%+-])[\w.%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w-])`),
  },
  {
    // An explicit scheme or "www.". Trailing punctuation is the sentence's, not the link's.
    kind: 'url',
    reason: 'webAddress',
    pattern: re(S`(?<![\w@.-])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'()\[\]{}]{0,2000}[^\s<>"'()\[\]{}.,;:!?]`, 'i'),
    check: isPrivateUrl,
  },
  {
    // A bare domain only with a common top-level domain, so "e.g.", "README.md", "eval.py",
    // "jama.2016.0287" (a DOI) and "Fig.3" never look like web addresses.
    kind: 'url',
    reason: 'webAddress',
    pattern: re(
      S`(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,6}(?:com|org|net|gov|edu|mil|io|ai|app|dev|info|biz|health|us|uk|ca|au|nz|ie|de|fr|nl|es|ch|se|dk|jp|eu)(?![\w-]|\.[a-z0-9])(?:\/[^\s<>"'()\[\]{}]{0,2000}[^\s<>"'()\[\]{}.,;:!?])?`,
      'i',
    ),
    check: isPrivateUrl,
  },
  {
    kind: 'ip',
    reason: 'ipAddress',
    pattern: re(
      S`(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w]|\.\d)`,
    ),
    check: isIpv4,
  },
  {
    kind: 'ip',
    reason: 'ipAddress',
    pattern: re(S`(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])`),
    check: isIpv6,
  },

  // --- SSN -----------------------------------------------------------------------------------------
  {
    kind: 'ssn',
    reason: 'ssn',
    pattern: re(
      S`${BEFORE}(?:SSN|SS#|social${SP}+security(?:${SP}+(?:number|no\.?|#))?)${SP}*[:#]?${SP}*(?:is${SP}+)?(?<v>\d{3}(?<sep>[ -]?)\d{2}\k<sep>\d{4})(?!\d)`,
      'i',
    ),
  },
  {
    // 3-2-4 digits is the SSN shape; nothing clinical is written that way. Numbers the SSA never
    // issues (000, 666, 00, 0000) are placeholders, not identifiers.
    kind: 'ssn',
    reason: 'ssn',
    pattern: re(S`(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])`),
    check: (m) => !/^(?:000|666)|^\d{3}-00|0000$/.test(m.value),
  },

  // --- Fax and phone after a label ------------------------------------------------------------------
  {
    kind: 'fax',
    reason: 'fax',
    pattern: re(S`${BEFORE}fax${LINK}(?<v>${LABELLED_PHONE})${PHONE_END}`, 'i'),
    check: (m) => digitCount(m.value) >= 7 && digitCount(m.value) <= 15,
  },
  {
    kind: 'fax',
    reason: 'fax',
    pattern: re(S`(?<![\w+)])(?<v>${US_PHONE}|${INTL_PHONE})${PHONE_END}(?=${SP}*[(\[]?${SP}*fax\b)`, 'i'),
  },
  {
    // "call 911", "text 2 times", "mobile 24/7" have too few digits; "pH 7.32" is not a label here.
    kind: 'phone',
    reason: 'phone',
    pattern: re(
      S`${BEFORE}(?:phone|telephone|tel|cell|cellphone|mobile|call|text|pager|beeper|contact)${LINK}(?<v>${LABELLED_PHONE})${PHONE_END}`,
      'i',
    ),
    check: (m) => digitCount(m.value) >= 7 && digitCount(m.value) <= 15,
  },

  // --- Record, account, health-plan, licence numbers ------------------------------------------------
  {
    // Only after a label. "serial" and "ID" alone are left out: "serial troponins", "ID consult".
    // Words that are also ordinary ("account", "policy", "NHS", "licence") need "number", "no.", "#"
    // or "ID" after them: "hospital policy 2019" is not a policy number. The value must contain a
    // digit, so "MRN: unknown" is not a finding.
    kind: 'record_number',
    reason: recordReason,
    pattern: re(
      S`${BEFORE}(?<label>MRN|MR#|medical${SP}+record|acct|MBI|CSN|DEA|NPI|driver'?s${SP}+licen[cs]e|(?:record|chart|hospital|patient|encounter|visit|case|accession|claim|certificate|account|member|subscriber|group|policy|insurance|health${SP}?plan|beneficiary|medicare|medicaid|NHS|licen[cs]e)${SP}*(?=no\b|number|#|id\b))${LINK}(?<v>[A-Z0-9](?:[A-Z0-9]|[-./](?=[A-Z0-9])|${SP}(?=\d{3})){3,24})(?![A-Z0-9])`,
      'i',
    ),
    check: (m) => hasDigit(m) && !/plate/i.test(m.text.slice(m.matchStart, m.start)),
  },

  // --- Vehicles ------------------------------------------------------------------------------------
  {
    kind: 'vehicle',
    reason: 'vin',
    pattern: re(S`${BEFORE}VIN${LINK}(?<v>[A-HJ-NPR-Z0-9]{11,17})(?![A-Za-z0-9])`),
    check: (m) => /\d/.test(m.value),
  },
  {
    // The plate must be written in capitals: "license plate is unknown" is not a plate.
    kind: 'vehicle',
    reason: 'licencePlate',
    pattern: re(
      S`${BEFORE}(?:licen[cs]e${SP}+plate|number${SP}+plate|registration${SP}+plate|plate${SP}*(?:number|no\.?|#)|vehicle${SP}+registration|tag${SP}+(?:number|no\.?|#))${LINK}(?<v>[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,4}){0,2})(?![A-Za-z0-9])`,
      'i',
    ),
    check: (m) => /^[A-Z0-9 -]+$/.test(m.value) && /\d/.test(m.value) && m.value.length >= 4,
  },
  {
    // 17 characters without I, O or Q, with letters and digits. All-digit runs (and lower-case hashes
    // and DOIs) are not VINs.
    kind: 'vehicle',
    reason: 'vin',
    pattern: re(S`(?<![A-Za-z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])`),
    check: (m) => /[A-Z].*[A-Z]/.test(m.value) && /\d.*\d/.test(m.value),
  },

  // --- Devices -------------------------------------------------------------------------------------
  {
    // "serial number", "S/N", "SN:" — never "serial" alone ("serial lactates", "serial ECGs").
    kind: 'device',
    reason: 'deviceSerial',
    pattern: re(
      S`${BEFORE}(?:serial${SP}*(?:number|no\.?|num|#)|S\/N|SN(?=${SP}*[:#])|device${SP}+(?:id|identifier|serial(?:${SP}+number)?)|UDI|IMEI|implant${SP}+(?:id|serial(?:${SP}+number)?))${LINK}(?<v>[A-Z0-9(](?:[A-Z0-9()]|[-./](?=[A-Z0-9(])){3,60})(?![A-Z0-9])`,
      'i',
    ),
    check: hasDigit,
  },
  {
    kind: 'device',
    reason: 'deviceMac',
    pattern: re(
      S`(?<![\w:-])(?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}(?![\w:-])|(?<![\w:-])(?:[0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}(?![\w:-])`,
    ),
  },

  // --- Dates and ages ------------------------------------------------------------------------------
  {
    // After a birth, admission, discharge or death label even a month and day counts ("admitted 3/14",
    // "born on the 14th", "discharged in March 2019"); elsewhere "3/14" is a ratio or a BP.
    kind: 'date',
    reason: dateReason,
    pattern: re(
      S`${BEFORE}(?<label>DOB|D\.O\.B\.?|date${SP}+of${SP}+birth|birth${SP}?date|born(?:${SP}+on)?|(?:admitted|discharged|died|deceased|expired|transferred|operated)(?:${SP}+on)?|(?:admission|discharge|death|surgery|visit|service|procedure|encounter)${SP}+date|date${SP}+of${SP}+(?:admission|discharge|death|surgery|visit|service|procedure|encounter)|DOS|DOD|seen${SP}+on)${SP}*[:#-]?${SP}*(?:(?:on|in)${SP}+)?(?:the${SP}+)?(?<v>\d{1,2}[/.-]\d{1,2}(?:[/.-](?:\d{4}|\d{2}))?|\d{1,2}(?:st|nd|rd|th)|${MONTH}\.?${SP}+${YEAR})(?![\p{N}]|[/.-]\p{N})`,
      'i',
    ),
    check: (m) => !/^\d/.test(m.value) || /^\d{1,2}(?:st|nd|rd|th)$/i.test(m.value) || isNumericDate(m.value),
  },
  {
    // 03/14/1962, 14/03/1962, 3/14/62, 14.03.1962, 03-14-1962. Needs three parts: two-part forms are
    // BPs, ratios and scores (120/80, 2/3, 24/7). Dots and dashes need a four-digit year, so version
    // numbers and ranges ("12-15-20 mg") are left alone.
    kind: 'date',
    reason: dateReason,
    pattern: re(S`(?<![\p{N}/.,-])(?<v>\d{1,2}(?<sep>[/.-])\d{1,2}\k<sep>(?:\d{4}|\d{2}))(?![\p{N}]|[/.-]\p{N})`),
    check: (m) => isNumericDate(m.value) && (m.groups.sep === '/' || /\d{4}$/.test(m.value)),
  },
  {
    // 1962-03-14, 1962/03/14.
    kind: 'date',
    reason: dateReason,
    pattern: re(
      S`(?<![\p{N}/.,-])(?<v>${YEAR}(?<sep>[-/.])(?:0?[1-9]|1[0-2])\k<sep>(?:0?[1-9]|[12]\d|3[01]))(?![\p{N}]|[/.-]\p{N})`,
    ),
  },
  {
    // March 14, 1962 · Mar 14 · Mar. 14th. Case-sensitive: "may" and "march" are verbs.
    kind: 'date',
    reason: dateReason,
    pattern: re(S`${BEFORE}(?<v>${MONTH}\.?${SP}{1,3}${DAY}(?:,?${SP}{1,3}(?:${YEAR}|'\d\d))?)${AFTER}`),
    check: notCitationOrDose,
  },
  {
    // 14 March 1962 · 14th of March · 14-Mar-1962 · 14-MAR-62. Spaces only, never a line break, so a
    // list item "3" followed by a line starting "May …" is not a date.
    kind: 'date',
    reason: dateReason,
    pattern: re(
      S`${BEFORE}(?<v>${DAY}${SP}{1,3}(?:of${SP}{1,3})?${MONTH}\.?(?:,?${SP}{1,3}${YEAR})?|(?:0?[1-9]|[12]\d|3[01])-(?:${MONTH}|${MONTH_UPPER})-(?:${YEAR}|\d{2}))${AFTER}`,
    ),
    check: notCitationOrDose,
  },
  {
    // Only ages over 89 are identifiers. "90-day mortality" and "95% CI" have no "year old".
    kind: 'date',
    reason: 'ageOver89',
    pattern: re(
      S`(?<![\p{N}.,])(?<v>(?:9\d|1[0-2]\d)(?:${SP}?-?${SP}?(?:years?|yrs?|y)${SP}?-?${SP}?old|${SP}?-?(?:yo|y\/o|y\.o\.)(?![\p{L}])|${SP}+years?${SP}+of${SP}+age))(?!${SP}+(?:or|and)${SP}+(?:older|over|above))`,
      'i',
    ),
  },
  {
    // "aged 95", "age: 91". Thresholds are not a person's age: "age 90 or older", "aged 90-99",
    // "age 90+", "age 90 days".
    kind: 'date',
    reason: 'ageOver89',
    pattern: re(
      S`${BEFORE}(?:aged?|age:)${SP}*:?${SP}*(?<v>9\d|1[0-2]\d)(?![\p{N}.,]|${SP}*(?:%|\+|-|–|to\b|or\b|and\b|days?\b|d\b|weeks?\b|wk|months?\b|mo\b|years?${SP}+(?:and|or)\b|yrs?${SP}+(?:and|or)\b))`,
      'i',
    ),
  },

  // --- ZIP codes and addresses -----------------------------------------------------------------------
  {
    kind: 'zip',
    reason: 'zipCode',
    pattern: re(
      S`${BEFORE}(?:ZIP(?:${SP}?-?code)?|postal${SP}+code|post${SP}?code)${SP}*[:#]?${SP}*(?<v>\d{5}(?:-\d{4})?)(?![\d-])`,
      'i',
    ),
  },
  {
    // "Springfield, IL 62704": a capitalised town, a comma and a state code. The comma keeps
    // "CT 12345" or "OR 12345" in clinical shorthand from looking like an address.
    kind: 'zip',
    reason: 'zipCode',
    pattern: re(S`(?<=\p{Lu}\p{Ll}{1,30},${SP}{1,3}(?:${STATES})${SP}{1,3})(?<v>\d{5}(?:-\d{4})?)(?![\d-])`),
  },
  {
    // ZIP+4 is specific enough alone.
    kind: 'zip',
    reason: 'zipCode',
    pattern: re(S`(?<![\p{N}-])\d{5}-\d{4}(?![\p{N}-])`),
  },
  {
    // A number, up to four capitalised words and a street type: "123 Main Street", "45 Elm Ave",
    // "12 W 5th St, Apt 4B". A town and state after a comma belong to it ("…, Springfield, IL").
    // Capitals are required, so "3 days", "2 weeks" and "12-lead" never reach a street type.
    kind: 'address',
    reason: 'streetAddress',
    pattern: re(
      S`(?<![\p{L}\p{N}/.,-])\d{1,6}[A-Z]?${SP}+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?${SP}+)?(?:(?:\d{1,3}(?:st|nd|rd|th)|${NAME_WORD})${SP}+){1,4}${STREET_TYPE}\.?(?![\p{L}])(?:,?${SP}+(?:Apt|Apartment|Suite|Ste|Unit|Room|Rm|Floor|Fl|#)\.?${SP}*#?[A-Z0-9-]{1,6}(?![\p{L}\p{N}]))?(?:,${SP}*${NAME_WORD}(?:${SP}+${NAME_WORD}){0,2},?${SP}+(?:${STATES})(?![\p{L}]))?`,
    ),
  },
  {
    kind: 'address',
    reason: 'streetAddress',
    pattern: re(S`${BEFORE}(?:P\.?${SP}?O\.?|Post${SP}+Office)${SP}+Box${SP}+\d{1,6}${AFTER}`),
  },

  // --- Phone shapes without a label (after dates, so 14.03.1962 is a date, not a phone) -------------
  {
    // (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567, +44 20 7946 0958. Ten digits with
    // no separators are left to the labelled form: bare they are as likely an NPI or an order number.
    kind: 'phone',
    reason: 'phone',
    pattern: re(S`(?<![\w+)./-])(?:${US_PHONE}|${INTL_PHONE})${PHONE_END}`),
    check: (m) => digitCount(m.value) >= 8 && digitCount(m.value) <= 15,
  },

  // --- Names ---------------------------------------------------------------------------------------
  {
    // Providers' names are identifiers too: "Dr. Jane Roe", "Dr Smith", "Prof. Lee".
    kind: 'name',
    reason: 'clinicianName',
    pattern: re(S`${BEFORE}(?:Dr|Prof|Doctor)\.?${SP}+(?<v>${FIRST_LAST}|${INITIAL_LAST}|${SINGLE_NAME})`),
    check: (m) => nameCheck(m, { minWords: 1, eponymsAllowed: true }),
  },
  {
    kind: 'name',
    reason: 'clinicianName',
    pattern: re(
      S`${BEFORE}(?<v>${FIRST_LAST}|${INITIAL_LAST}),${SP}*(?:MD|M\.D\.|DO|D\.O\.|NP|PA-C|RN|PhD|DNP|APRN|FNP|MBBS|FRCPC?)(?![\p{L}])`,
    ),
    check: (m) => nameCheck(m, { minWords: 2, eponymsAllowed: false }),
  },
  {
    // After a title the word can only be a surname, eponym or not ("Mr. Parkinson"). "Miss" is also a
    // verb: "Don't Miss Sepsis" is a slogan, not a person.
    kind: 'name',
    reason: 'personName',
    pattern: re(S`${BEFORE}(?<title>Mr|Mrs|Ms|Miss|Mx)\.?${SP}+(?<v>${FIRST_LAST}|${INITIAL_LAST}|${SINGLE_NAME})`),
    check: (m) => {
      const before = m.text.slice(Math.max(0, m.matchStart - 12), m.matchStart);
      if (m.groups.title === 'Miss' && /(?:n['’]t|not|never|to|or)[ \t]+$/i.test(before)) return false;
      return nameCheck(m, { minWords: 1, eponymsAllowed: true });
    },
  },
  {
    // "Name: Jane Doe", "Patient name: Smith, John". Not "Drug name: Metformin".
    kind: 'name',
    reason: 'patientName',
    pattern: re(
      S`${BEFORE}(?:(?:[Pp]atient|[Ff]ull|[Ff]irst|[Ll]ast|[Ff]amily|[Gg]iven|[Pp]referred|PATIENT)${SP}?)?(?:[Nn]ame|NAME|[Ss]urname)${SP}*[:=]${SP}*(?<v>${LAST_FIRST}|${FIRST_LAST}|${INITIAL_LAST}|${SINGLE_NAME})`,
    ),
    check: (m) =>
      !NOT_PERSON_NAME_LABEL.test(m.text.slice(Math.max(0, m.matchStart - 30), m.matchStart)) &&
      nameCheck(m, { minWords: 1, eponymsAllowed: false }),
  },
  {
    // "Patient: John Smith", "Pt: Smith, John". A first and last name are required: "Patient: Stable".
    kind: 'name',
    reason: 'patientName',
    pattern: re(S`${BEFORE}${anyCase(PATIENT_ROLES)}\.?${SP}*:${SP}*(?<v>${LAST_FIRST}|${FIRST_LAST}|${INITIAL_LAST})`),
    check: (m) => nameCheck(m, { minWords: 2, eponymsAllowed: false }),
  },
  {
    // "patient John Smith", "pt Maria Garcia", "resident Mary Jones". Not "2 pt" (points), and not a
    // Title Case heading ("Patient Blood Management Program", "Patient Health Questionnaire").
    kind: 'name',
    reason: 'patientName',
    pattern: re(
      S`${BEFORE}(?<role>${anyCase(PATIENT_ROLES)})\.?(?:${SP}*,${SP}*|${SP}+)(?<v>${FIRST_LAST}|${INITIAL_LAST})`,
    ),
    check: (m) => {
      if (/\d[ \t]*$/.test(m.text.slice(Math.max(0, m.matchStart - 3), m.matchStart))) return false;
      const heading =
        /^\p{Lu}/u.test(m.groups.role ?? '') && /^[ \t]+\p{Lu}\p{Ll}/u.test(m.text.slice(m.end, m.end + 3));
      return !heading && nameCheck(m, { minWords: 2, eponymsAllowed: false });
    },
  },
  {
    // "his wife Linda", "daughter: Maria Lopez". One word is enough here: a relative is named by a
    // first name. "mother Alzheimer's" and "father Parkinson disease" are eponyms.
    kind: 'name',
    reason: 'relativeName',
    pattern: re(
      S`${BEFORE}${anyCase(FAMILY_ROLES)}(?:${SP}*[:,]${SP}*|${SP}+)(?<v>${FIRST_LAST}|${INITIAL_LAST}|${SINGLE_NAME})`,
    ),
    check: (m) => {
      if (/^['’]s/.test(m.text.slice(m.end, m.end + 2))) return false;
      return nameCheck(m, { minWords: 1, eponymsAllowed: false });
    },
  },
  {
    kind: 'name',
    reason: 'personName',
    pattern: re(
      S`${BEFORE}${anyCase(PERSON_PHRASES)}(?:${SP}*[:,]${SP}*|${SP}+)(?<v>${LAST_FIRST}|${FIRST_LAST}|${INITIAL_LAST})`,
    ),
    check: (m) => nameCheck(m, { minWords: 2, eponymsAllowed: false }),
  },
  {
    // "named Jane Doe", "her name is Maria", "goes by Bill". Not "called": "a drug called Ozempic".
    kind: 'name',
    reason: 'personName',
    pattern: re(
      S`${BEFORE}(?:named|name${SP}+is|name's|goes${SP}+by)${SP}+(?<v>${FIRST_LAST}|${INITIAL_LAST}|${SINGLE_NAME})`,
    ),
    check: (m) => nameCheck(m, { minWords: 1, eponymsAllowed: false }),
  },
  {
    // A case written around a name: "John Smith is a 45-year-old…", "Jane Doe, a 62-year-old woman",
    // "Maria Garcia presented with…". Not part of a longer Title Case name ("Mass General Hospital
    // reports") and no heading or eponym word anywhere.
    kind: 'name',
    reason: 'patientName',
    pattern: re(
      S`${BEFORE}(?<v>${FIRST_LAST})(?=,?${SP}+(?:is|was)${SP}+an?${SP}+\d{1,3}${SP}?-?${SP}?(?:year|yr|y\/?o|month|week|day)|,${SP}*(?:an?|the)${SP}+\d{1,3}${SP}?-?${SP}?(?:year|yr|y\/?o|month|week|day)|${SP}+\(\d{1,3}${SP}?(?:[MF]|y)|${SP}+(?:presented|presents|presenting|was${SP}+admitted|is${SP}+admitted|was${SP}+brought|arrived|complains|complained|has${SP}+a${SP}+history)(?![\p{L}]))`,
    ),
    check: (m) => {
      const before = m.text.slice(Math.max(0, m.start - 32), m.start);
      if (/\p{Lu}\p{L}*[ \t]+$/u.test(before)) return false;
      const words = m.value.split(/\s+/).map(lower);
      if (words.some((w) => EPONYMS.has(w))) return false;
      return nameCheck(m, { minWords: 2, eponymsAllowed: false });
    },
  },
];

// ---------------------------------------------------------------------------------------------------

function matchOf(text: string, m: RegExpExecArray): Match {
  const v = m.indices?.groups?.v;
  const [start, end] = v ?? [m.index, m.index + m[0].length];
  return { text, start, end, value: text.slice(start, end), matchStart: m.index, groups: m.groups ?? {} };
}

/** Likely protected health information in `text`, in text order, non-overlapping. */
export function detectPhi(text: string): PhiFinding[] {
  if (text === '') return [];
  // Detectors run in priority order; a position taken by an earlier finding cannot be taken again.
  const taken = new Uint8Array(text.length);
  const findings: PhiFinding[] = [];
  for (const detector of DETECTORS) {
    const pattern = new RegExp(detector.pattern); // a fresh lastIndex; the table stays shareable
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex += 1;
        continue;
      }
      const match = matchOf(text, m);
      const verdict = detector.check ? detector.check(match) : true;
      if (verdict === false) continue;
      const span = verdict === true ? match : verdict;
      if (span.end <= span.start || taken.subarray(span.start, span.end).some((t) => t === 1)) continue;
      taken.fill(1, span.start, span.end);
      const reason =
        typeof detector.reason === 'string'
          ? detector.reason
          : detector.reason({ ...match, ...span, value: text.slice(span.start, span.end) });
      findings.push({ kind: detector.kind, start: span.start, end: span.end, reason });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}
