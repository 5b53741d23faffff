/**
 * Inter-rater agreement statistics for the team-lead view: pure functions, no
 * DOM, no dependencies. Each throws a RangeError on malformed input (ragged
 * tables, mismatched lengths, too few raters or items) and returns NaN when
 * the statistic is undefined for well-formed data (nothing varies).
 *
 * - krippendorffAlpha: any number of coders, missing ratings, nominal /
 *   ordinal / interval data (verdicts, step ratings, rubric scores).
 * - fleissKappa: many raters, nominal categories, a fixed number of ratings per item.
 * - cohenKappa: two raters, nominal labels.
 * - kendallTauB: two rankings or scorings of the same items.
 * - kendallW: concordance of several rankings of the same items.
 */
export { cohenKappa, fleissKappa } from './kappa';
export { kendallTauB, kendallW } from './kendall';
export { krippendorffAlpha, type Level, type ReliabilityData } from './krippendorff';
