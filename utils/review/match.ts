/**
 * Which stored reviews are about which response on the page a lead is
 * looking at: by the platform's message id where both have one, else by the
 * response's text, compared loosely (word-pair overlap), so that small changes
 * to the page (a re-render, an edited typo, markdown read slightly
 * differently) do not lose the match.
 */
import type { StoredSubmission } from '../schema/api';
import type { Turn } from '../schema/capture';
import { reviewedTurns } from '../schema/review';

/** How alike two texts must be (Dice coefficient of their word pairs) to be the same response. */
export const SAME_TEXT = 0.85;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

function pairs(text: string): Map<string, number> {
  const w = words(text);
  const out = new Map<string, number>();
  for (let i = 0; i < w.length - 1; i++) {
    const pair = `${w[i]} ${w[i + 1]}`;
    out.set(pair, (out.get(pair) ?? 0) + 1);
  }
  if (w.length === 1 && w[0]) out.set(w[0], 1);
  return out;
}

/** Dice coefficient of the two texts' word pairs: 1 for the same words in the same order. */
export function similarity(a: string, b: string): number {
  const pa = pairs(a);
  const pb = pairs(b);
  let shared = 0;
  let total = 0;
  for (const [pair, n] of pa) {
    shared += Math.min(n, pb.get(pair) ?? 0);
    total += n;
  }
  for (const n of pb.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** The responses a stored review is about. */
function reviewedResponses(stored: StoredSubmission): Turn[] {
  const { capture, review } = stored.submission;
  return reviewedTurns(review).flatMap((i) => (capture?.turns[i] ? [capture.turns[i]] : []));
}

/** For each turn of the page, the reviews about it (indexes into `reviews`). */
export function matchReviews(
  page: readonly { messageId?: string; text: string }[],
  reviews: readonly StoredSubmission[],
): number[][] {
  return page.map((turn) =>
    reviews.flatMap((stored, i) =>
      reviewedResponses(stored).some((reviewed) =>
        turn.messageId && reviewed.messageId
          ? turn.messageId === reviewed.messageId
          : similarity(turn.text, reviewed.text) >= SAME_TEXT,
      )
        ? [i]
        : [],
    ),
  );
}
