/** Words shown for the shared schema's codes. */
import type { Specialty } from '@/utils/schema/clinical';

export const SPECIALTY_LABEL: Record<Specialty, string> = {
  internal_medicine: 'Internal medicine',
  emergency_medicine: 'Emergency medicine',
  cardiology: 'Cardiology',
  general_surgery: 'General surgery',
  diagnostic_radiology: 'Diagnostic radiology',
  critical_care: 'Critical care',
  other: 'Other',
};
