/** Words shown for the shared schema's codes, from the catalogue (read once, when the module loads). */
import { i18n } from '#i18n';
import type { QuestionProblem } from '@/utils/review/assessment';
import type { PhiFinding, PhiReason } from '@/utils/review/phi';
import type { ScaledAxis } from '@/utils/schema/assessment';
import type { SafetyFlagCode, Severity, Specialty } from '@/utils/schema/clinical';
import type { PassageCategory } from '@/utils/schema/passage';

export const SPECIALTY_LABEL: Record<Specialty, string> = {
  internal_medicine: i18n.t('review.labels.specialty.internalMedicine'),
  emergency_medicine: i18n.t('review.labels.specialty.emergencyMedicine'),
  cardiology: i18n.t('review.labels.specialty.cardiology'),
  general_surgery: i18n.t('review.labels.specialty.generalSurgery'),
  diagnostic_radiology: i18n.t('review.labels.specialty.diagnosticRadiology'),
  critical_care: i18n.t('review.labels.specialty.criticalCare'),
  other: i18n.t('review.labels.specialty.other'),
};

export const FLAG_LABEL: Record<SafetyFlagCode, string> = {
  harmful_advice: i18n.t('review.labels.flag.harmfulAdvice'),
  missed_escalation: i18n.t('review.labels.flag.missedEscalation'),
  dosing_error: i18n.t('review.labels.flag.dosingError'),
  contraindication_missed: i18n.t('review.labels.flag.contraindicationMissed'),
  outdated_guidance: i18n.t('review.labels.flag.outdatedGuidance'),
  fabricated_reference: i18n.t('review.labels.flag.fabricatedReference'),
  diagnostic_error: i18n.t('review.labels.flag.diagnosticError'),
  overconfident: i18n.t('review.labels.flag.overconfident'),
  scope_or_jurisdiction: i18n.t('review.labels.flag.scopeOrJurisdiction'),
};

/** A safety flag's severity, as a word in a sentence (lower case). */
export const SEVERITY_LABEL: Record<Severity, string> = {
  minor: i18n.t('review.labels.severity.minor'),
  major: i18n.t('review.labels.severity.major'),
  critical: i18n.t('review.labels.severity.critical'),
};

/** The assessment's questions, as the form asks them. */
export const AXIS_QUESTION: Record<ScaledAxis | 'overall', string> = {
  consensus: i18n.t('review.labels.axis.consensus'),
  incorrect: i18n.t('review.labels.axis.incorrect'),
  omission: i18n.t('review.labels.axis.omission'),
  harmExtent: i18n.t('review.labels.axis.harmExtent'),
  harmLikelihood: i18n.t('review.labels.axis.harmLikelihood'),
  triage: i18n.t('review.labels.axis.triage'),
  contextSeeking: i18n.t('review.labels.axis.contextSeeking'),
  uncertainty: i18n.t('review.labels.axis.uncertainty'),
  audienceFit: i18n.t('review.labels.axis.audienceFit'),
  bias: i18n.t('review.labels.axis.bias'),
  overall: i18n.t('review.labels.axis.overall'),
};

/** Short names of what makes a rationale required. */
export const RATIONALE_REASON: Record<ScaledAxis | 'overall' | 'safetyFlags', string> = {
  consensus: i18n.t('review.labels.reason.consensus'),
  incorrect: i18n.t('review.labels.reason.incorrect'),
  omission: i18n.t('review.labels.reason.omission'),
  harmExtent: i18n.t('review.labels.reason.harmExtent'),
  harmLikelihood: i18n.t('review.labels.reason.harmLikelihood'),
  triage: i18n.t('review.labels.reason.triage'),
  contextSeeking: i18n.t('review.labels.reason.contextSeeking'),
  uncertainty: i18n.t('review.labels.reason.uncertainty'),
  audienceFit: i18n.t('review.labels.reason.audienceFit'),
  bias: i18n.t('review.labels.reason.bias'),
  overall: i18n.t('review.labels.reason.overall'),
  safetyFlags: i18n.t('review.labels.reason.safetyFlags'),
};

/** The words for each axis's answers. */
export const SCALE_LABEL: Record<string, string> = {
  aligned: i18n.t('review.labels.scale.aligned'),
  not_aligned: i18n.t('review.labels.scale.notAligned'),
  no_consensus: i18n.t('review.labels.scale.noConsensus'),
  none: i18n.t('review.labels.scale.none'),
  minor: i18n.t('review.labels.scale.minor'),
  significant: i18n.t('review.labels.scale.significant'),
  mild_moderate: i18n.t('review.labels.scale.mildModerate'),
  severe_or_death: i18n.t('review.labels.scale.severeOrDeath'),
  low: i18n.t('review.labels.scale.low'),
  medium: i18n.t('review.labels.scale.medium'),
  high: i18n.t('review.labels.scale.high'),
  appropriate: i18n.t('review.labels.scale.appropriate'),
  under_triage: i18n.t('review.labels.scale.underTriage'),
  over_triage: i18n.t('review.labels.scale.overTriage'),
  not_applicable: i18n.t('review.labels.scale.notApplicable'),
  yes: i18n.t('review.labels.scale.yes'),
  no: i18n.t('review.labels.scale.no'),
};

export const PASSAGE_CATEGORY_LABEL: Record<PassageCategory, string> = {
  factual_error: i18n.t('review.labels.passage.factualError'),
  omission: i18n.t('review.labels.passage.omission'),
  unsafe: i18n.t('review.labels.passage.unsafe'),
  outdated: i18n.t('review.labels.passage.outdated'),
  unclear: i18n.t('review.labels.passage.unclear'),
  well_done: i18n.t('review.labels.passage.wellDone'),
};

const PHI_REASON_LABEL: Record<PhiReason, string> = {
  email: i18n.t('review.labels.phi.email'),
  webAddress: i18n.t('review.labels.phi.webAddress'),
  ipAddress: i18n.t('review.labels.phi.ipAddress'),
  ssn: i18n.t('review.labels.phi.ssn'),
  fax: i18n.t('review.labels.phi.fax'),
  phone: i18n.t('review.labels.phi.phone'),
  vin: i18n.t('review.labels.phi.vin'),
  licencePlate: i18n.t('review.labels.phi.licencePlate'),
  deviceSerial: i18n.t('review.labels.phi.deviceSerial'),
  deviceMac: i18n.t('review.labels.phi.deviceMac'),
  accountNumber: i18n.t('review.labels.phi.accountNumber'),
  healthPlanNumber: i18n.t('review.labels.phi.healthPlanNumber'),
  licenceNumber: i18n.t('review.labels.phi.licenceNumber'),
  medicalRecordNumber: i18n.t('review.labels.phi.medicalRecordNumber'),
  dateOfBirth: i18n.t('review.labels.phi.dateOfBirth'),
  eventDate: i18n.t('review.labels.phi.eventDate'),
  fullDate: i18n.t('review.labels.phi.fullDate'),
  ageOver89: i18n.t('review.labels.phi.ageOver89'),
  zipCode: i18n.t('review.labels.phi.zipCode'),
  streetAddress: i18n.t('review.labels.phi.streetAddress'),
  clinicianName: i18n.t('review.labels.phi.clinicianName'),
  personName: i18n.t('review.labels.phi.personName'),
  patientName: i18n.t('review.labels.phi.patientName'),
  relativeName: i18n.t('review.labels.phi.relativeName'),
};

/** Why the PHI guard flagged what it found, in words a clinician understands. */
export function phiReasonLabel(finding: Pick<PhiFinding, 'reason' | 'elsewhere'>): string {
  const reason = PHI_REASON_LABEL[finding.reason];
  return finding.elsewhere ? i18n.t('review.labels.phi.elsewhere', { reason }) : reason;
}

/** What is wrong with an answer to a project's own question. */
export function questionProblemLabel(problem: QuestionProblem): string {
  switch (problem.code) {
    case 'notAsked':
      return i18n.t('review.labels.question.notAsked');
    case 'required':
      return i18n.t('review.labels.question.required');
    case 'chooseOne':
      return i18n.t('review.labels.question.chooseOne', { options: problem.options.join(', ') });
    case 'expectedList':
      return i18n.t('review.labels.question.expectedList');
    case 'notAnOption':
      return i18n.t('review.labels.question.notAnOption', { value: problem.value });
    case 'chosenTwice':
      return i18n.t('review.labels.question.chosenTwice');
    case 'likertRange':
      return i18n.t('review.labels.question.likertRange', { points: problem.points });
    case 'expectedNumber':
      return i18n.t('review.labels.question.expectedNumber');
    case 'wholeNumber':
      return i18n.t('review.labels.question.wholeNumber');
    case 'atLeast':
      return i18n.t('review.labels.question.atLeast', { min: problem.min });
    case 'atMost':
      return i18n.t('review.labels.question.atMost', { max: problem.max });
    case 'expectedText':
      return i18n.t('review.labels.question.expectedText');
    case 'tooLong':
      return i18n.t('review.labels.question.tooLong', { maxLength: problem.maxLength });
  }
}
