/**
 * Text-quote anchoring: describing a passage of a text so that it can be found
 * again, and finding it again in a text that may have changed since (the
 * response re-rendered, regenerated in part, or read from the page instead of
 * from the capture). Pure string work: no DOM, no globals, deterministic.
 *
 * The strategy is Hypothesis's (`src/annotator/anchoring/html.ts` and
 * `match-quote.ts` in hypothesis/client), which tries cheap and certain before
 * expensive and approximate:
 *  1. the stored offsets, if the text there is still the quote;
 *  2. every exact copy of the quote, the one whose surroundings look most like
 *     the stored prefix and suffix (and nearest the old offset) winning; a
 *     copy in exactly its old surroundings beats any other (see `shortlist`);
 *  3. approximate copies (Myers' bit-vector search, `approx-string-match`,
 *     the library Hypothesis uses), with an error budget proportional to the
 *     quote's length, scored the same way.
 * Unlike Hypothesis, an approximate match must also score above a floor: a
 * passage whose text is gone is reported as orphaned (null) rather than
 * pinned to some other sentence that happens to be close in edit distance.
 * A wrong highlight on clinical text misleads; an orphaned one is only shown
 * apart.
 *
 * Offsets are UTF-16 code units, like JavaScript strings and DOM ranges.
 */
import search from 'approx-string-match';
import type { TextQuote } from '../schema/capture';
import { LIMITS } from '../schema/limits';

/** A passage of a text: where it is, and how to find it again if the text changes. */
export interface DescribedPassage {
  quote: TextQuote;
  start: number;
  end: number;
}

/** Where a stored passage is in a text, and whether it was found as it was or approximately. */
export interface Anchor {
  start: number;
  end: number;
  match: 'exact' | 'fuzzy';
}

/**
 * The selection `start`..`end` of `text`, trimmed of surrounding whitespace,
 * described with `LIMITS.anchorContext` characters of context on each side;
 * null if it selects nothing but whitespace.
 */
export function describePassage(text: string, start: number, end: number): DescribedPassage | null {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(text.length, Math.max(start, end));
  while (from < to && /\s/.test(text.charAt(from))) from++;
  while (to > from && /\s/.test(text.charAt(to - 1))) to--;
  if (from === to) return null;
  const n = LIMITS.anchorContext;
  return {
    quote: {
      exact: text.slice(from, to),
      prefix: text.slice(Math.max(0, from - n), from),
      suffix: text.slice(to, to + n),
    },
    start: from,
    end: to,
  };
}

/**
 * Allowed edit errors per character of the quote in an approximate match.
 * Hypothesis allows one in two; one in four still finds a sentence with a few
 * words changed, and keeps short quotes from matching unrelated text.
 */
const ERRORS_PER_CHARACTER = 1 / 4;
/** Search cost grows with the error budget (Hypothesis caps it at the same number). */
const MAX_ERRORS = 256;
/**
 * The score an approximate match needs (see `best`). A quote a quarter wrong
 * in its old surroundings scores about 0.86; a near copy of it among other
 * words (its own sentence removed) about 0.6 to 0.7.
 */
const MIN_FUZZY_SCORE = 0.75;

/** Weights of a candidate's score, as in Hypothesis's `matchQuote`: the quote, its context, and (to break ties) position. */
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const WEIGHT_SUM = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/** How much `actual` looks like `expected`, from 0 to 1 (1 when nothing was expected). */
function similarity(actual: string, expected: string): number {
  if (expected === '' || actual === expected) return 1;
  if (actual === '') return 0;
  const errors = search(actual, expected, expected.length)[0]?.errors ?? expected.length;
  return 1 - errors / expected.length;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

function best(
  text: string,
  candidates: readonly Candidate[],
  quote: TextQuote,
  hint: number | undefined,
): { candidate: Candidate; score: number } | null {
  let top: { candidate: Candidate; score: number } | null = null;
  for (const candidate of candidates) {
    const { start, end, errors } = candidate;
    const quoteScore = 1 - errors / quote.exact.length;
    const prefixScore = similarity(text.slice(Math.max(0, start - quote.prefix.length), start), quote.prefix);
    const suffixScore = similarity(text.slice(end, end + quote.suffix.length), quote.suffix);
    const positionScore = hint === undefined ? 1 : 1 - Math.abs(start - hint) / Math.max(1, text.length);
    const score =
      (WEIGHTS.quote * quoteScore +
        WEIGHTS.prefix * prefixScore +
        WEIGHTS.suffix * suffixScore +
        WEIGHTS.position * positionScore) /
      WEIGHT_SUM;
    // Strictly greater: of equal candidates, the first in the text wins.
    if (!top || score > top.score) top = { candidate, score };
  }
  return top;
}

/** Candidates scored in full at most: scoring costs two approximate searches per candidate. */
const SHORTLIST = 64;

/** How many characters around a candidate agree with the stored context, counting outwards from the quote. */
function agreeingContext(text: string, quote: TextQuote, candidate: Candidate): number {
  const { prefix, suffix } = quote;
  let before = 0;
  while (before < prefix.length && text[candidate.start - 1 - before] === prefix[prefix.length - 1 - before]) before++;
  let after = 0;
  while (after < suffix.length && text[candidate.end + after] === suffix[after]) after++;
  return before + after;
}

/**
 * The candidates worth scoring in full. Those in exactly their old
 * surroundings are compared among themselves only; else, when a short quote
 * recurs hundreds of times, those whose surroundings agree longest with the
 * stored context (of equals, the first in the text).
 */
function shortlist(text: string, candidates: readonly Candidate[], quote: TextQuote): readonly Candidate[] {
  const whole = quote.prefix.length + quote.suffix.length;
  const agreeing = candidates.map((candidate) => ({ candidate, agree: agreeingContext(text, quote, candidate) }));
  const inPlace = agreeing.filter((c) => c.agree === whole);
  if (inPlace.length > 0) return inPlace.map((c) => c.candidate);
  if (candidates.length <= SHORTLIST) return candidates;
  return agreeing
    .sort((a, b) => b.agree - a.agree || a.candidate.start - b.candidate.start)
    .slice(0, SHORTLIST)
    .map((c) => c.candidate)
    .sort((a, b) => a.start - b.start);
}

/**
 * Finds a stored passage in `text`, which may differ from the text it was
 * described in; null when it is no longer there (orphaned). `start`, when
 * given, is where the passage was.
 */
export function anchorPassage(text: string, passage: { quote: TextQuote; start?: number }): Anchor | null {
  const { quote, start: hint } = passage;
  const { exact } = quote;
  if (exact === '') return null;
  if (hint !== undefined && hint >= 0 && text.startsWith(exact, hint)) {
    return { start: hint, end: hint + exact.length, match: 'exact' };
  }

  const copies: Candidate[] = [];
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    copies.push({ start: at, end: at + exact.length, errors: 0 });
  }
  const exactMatch = best(text, shortlist(text, copies, quote), quote, hint);
  if (exactMatch) return { start: exactMatch.candidate.start, end: exactMatch.candidate.end, match: 'exact' };

  const budget = Math.min(MAX_ERRORS, Math.floor(exact.length * ERRORS_PER_CHARACTER));
  if (budget < 1) return null;
  const fuzzyMatch = best(text, shortlist(text, search(text, exact, budget), quote), quote, hint);
  if (!fuzzyMatch || fuzzyMatch.score < MIN_FUZZY_SCORE) return null;
  return { start: fuzzyMatch.candidate.start, end: fuzzyMatch.candidate.end, match: 'fuzzy' };
}
