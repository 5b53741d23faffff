/** Words shown for the shared schema's codes. */
import type { SafetyFlagCode, Specialty } from '@/utils/schema/clinical';

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
