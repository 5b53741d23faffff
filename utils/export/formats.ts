/**
 * Export of reviews as training and evaluation data, in the formats the field
 * uses. Each format is its own module; this one picks the converter. All of it
 * is pure: records in, plain JSON values out.
 */
import { arenaRows } from './arena';
import { csvRows } from './csv';
import { healthBenchRows } from './healthbench';
import { labelStudioRows } from './label-studio';
import { prm800kRows } from './prm800k';
import type { ExportFormat, ExportOptions, ExportRecord } from './record';
import { trlPreferenceRows, trlStepwiseRows, trlUnpairedRows } from './trl';

export { CSV_COLUMNS, csvLine } from './csv';
export { EXPORT_FORMATS, type ExportFormat, type ExportOptions, type ExportRecord } from './record';

/**
 * The rows one record contributes to an export of `format`: none when the
 * format has no place for its kind of review (a rubric in stepwise supervision,
 * say), one, or several (the pairs of a ranking). For csv, one object of
 * column → string.
 */
export function exportRows(format: ExportFormat, record: ExportRecord, options: ExportOptions): unknown[] {
  const rows = formatRows(format, record, options);
  // CSV and Label Studio mark a re-rating in their own columns / task data; the other formats get one more key.
  if (!record.rerating || format === 'csv' || format === 'label-studio') return rows;
  return rows.map((row) => ({ ...(row as object), rerating: true }));
}

function formatRows(format: ExportFormat, record: ExportRecord, options: ExportOptions): unknown[] {
  switch (format) {
    case 'trl-preference':
      return trlPreferenceRows(record, options);
    case 'trl-unpaired':
      return trlUnpairedRows(record);
    case 'trl-stepwise':
      return trlStepwiseRows(record);
    case 'prm800k':
      return prm800kRows(record);
    case 'healthbench':
      return healthBenchRows(record);
    case 'arena':
      return arenaRows(record);
    case 'label-studio':
      return labelStudioRows(record);
    case 'csv':
      return csvRows(record);
  }
}
