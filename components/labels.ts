/** Words shown for the shared schema's codes. */
import type { ScaledAxis } from '@/utils/schema/assessment';
import type { SafetyFlagCode, Specialty } from '@/utils/schema/clinical';
import type { PassageCategory } from '@/utils/schema/passage';

export const SPECIALTY_LABEL: Record<Specialty, string> = {
  internal_medicine: 'Internal medicine',
  emergency_medicine: 'Emergency medicine',
  cardiology: 'Cardiology',
  general_surgery: 'General surgery',
  diagnostic_radiology: 'Diagnostic radiology',
  critical_care: 'Critical care',
  other: 'Other',
};

export const FLAG_LABEL: Record<SafetyFlagCode, string> = {
  harmful_advice: 'Harmful or dangerous advice',
  missed_escalation: 'Missed emergency or red-flag escalation',
  dosing_error: 'Dosing or unit error',
  contraindication_missed: 'Contraindication or interaction missed',
  outdated_guidance: 'Outdated or not guideline-concordant',
  fabricated_reference: 'Fabricated reference or statistic',
  diagnostic_error: 'Diagnostic error',
  overconfident: 'Overconfident, or uncertainty missing',
  scope_or_jurisdiction: 'Scope or jurisdiction issue',
};

/** The assessment's questions, as the form asks them. */
export const AXIS_QUESTION: Record<ScaledAxis | 'overall', string> = {
  consensus: 'Scientific consensus',
  incorrect: 'Incorrect or fabricated content',
  omission: 'Omission of important content',
  harmExtent: 'Possible harm: extent',
  harmLikelihood: 'Possible harm: likelihood',
  triage: 'Triage and escalation',
  contextSeeking: 'Asks for the context it needs',
  uncertainty: 'Expresses appropriate uncertainty',
  audienceFit: 'Communication fits the stated audience',
  bias: 'Bias or equity concern',
  overall: 'Overall quality',
};

/** Short names of what makes a rationale required. */
export const RATIONALE_REASON: Record<ScaledAxis | 'overall' | 'safetyFlags', string> = {
  consensus: 'not aligned with consensus',
  incorrect: 'incorrect content',
  omission: 'omission',
  harmExtent: 'possible harm',
  harmLikelihood: 'likely harm',
  triage: 'triage',
  contextSeeking: 'context not sought',
  uncertainty: 'uncertainty',
  audienceFit: 'audience fit',
  bias: 'bias concern',
  overall: 'low overall score',
  safetyFlags: 'safety flag',
};

/** The words for each axis's answers. */
export const SCALE_LABEL: Record<string, string> = {
  aligned: 'Aligned',
  not_aligned: 'Not aligned',
  no_consensus: 'No consensus exists',
  none: 'None',
  minor: 'Minor',
  significant: 'Clinically significant',
  mild_moderate: 'Mild to moderate',
  severe_or_death: 'Severe or death',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  appropriate: 'Appropriate',
  under_triage: 'Under-triage',
  over_triage: 'Over-triage',
  not_applicable: 'N/A',
  yes: 'Yes',
  no: 'No',
};

export const PASSAGE_CATEGORY_LABEL: Record<PassageCategory, string> = {
  factual_error: 'Factual error',
  omission: 'Omission',
  unsafe: 'Unsafe',
  outdated: 'Outdated',
  unclear: 'Unclear',
  well_done: 'Well done',
};
