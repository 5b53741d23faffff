/** Words shown for the shared schema's codes, from the catalogue (read once, when the module loads). */
import { i18n } from '#i18n';
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
