/**
 * A review's passage comments against the conversation as it is sent. When
 * the reviewer redacted part of the conversation, each quote is found again
 * in the redacted text and described anew (its offsets may have moved, and its
 * context may have held what was redacted); a quote that lost words to the
 * redaction cannot be sent, since it would carry them. Pure.
 */
import { anchorPassage, describePassage } from '../anchoring/text-quote';
import type { Capture } from '../schema/capture';
import type { Review } from '../schema/review';

export function passagesAfterRedaction(review: Review, sent: Capture): Review {
  if (!review.passages?.length) return review;
  const passages = review.passages.map((passage) => {
    const text = sent.turns[passage.turn]?.text ?? '';
    const anchor = anchorPassage(text, passage);
    const described = anchor?.match === 'exact' ? describePassage(text, anchor.start, anchor.end) : null;
    if (!described) {
      const words = passage.quote.exact.length > 40 ? `${passage.quote.exact.slice(0, 40)}…` : passage.quote.exact;
      throw new Error(`Your comment on “${words}” is about text you redacted: remove the comment, or keep that text`);
    }
    return { ...passage, ...described };
  });
  return { ...review, passages };
}
