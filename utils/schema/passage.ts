/**
 * A passage comment: the reviewer selected some text of a model response and
 * said something about it. The passage is stored the W3C Web Annotation way,
 * as a TextQuoteSelector (the exact text with a little context on each side)
 * plus, when known, a TextPositionSelector (`start`/`end`, character offsets in
 * the captured turn's `text`). The quote is what counts; the offsets are a hint
 * that makes finding it again fast and picks the right one of several copies.
 *
 * This module owns the shape and the rules that need nothing but the passage.
 * Whether the quote is really in the response is checked by the submission,
 * which holds the capture; finding a passage again in a changed text is
 * `utils/anchoring/text-quote.ts`.
 */
import { z } from 'zod';
import { TextQuote, turnIndex } from './capture';
import { LIMITS } from './limits';

/** What the reviewer says of the passage; only `well_done` is praise. */
export const PassageCategory = z.enum(['factual_error', 'omission', 'unsafe', 'outdated', 'unclear', 'well_done']);
export type PassageCategory = z.infer<typeof PassageCategory>;

const offset = z.int().min(0).max(LIMITS.turnText);

/**
 * The comment may be empty when it would add nothing: for praise ("well done"
 * speaks for itself) and when a corrected wording says what is wrong. Any
 * other critique must say why, so that a label never reaches training data
 * without its reason.
 */
export const PassageComment = z
  .strictObject({
    /** The response the passage is in: an index into the capture's turns. */
    turn: turnIndex,
    quote: TextQuote,
    /** Where the quote starts in the turn's text, when known. */
    start: offset.optional(),
    /** Where it ends (exclusive): `start` plus the quote's length. */
    end: offset.optional(),
    category: PassageCategory,
    comment: z.string().max(LIMITS.reviewerText),
    /** The wording the reviewer would put in the passage's place. */
    correction: z.string().trim().min(1).max(LIMITS.turnText).optional(),
  })
  .superRefine((passage, ctx) => {
    if (passage.quote.exact.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['quote', 'exact'], message: 'Select some text of the response' });
    }
    if ((passage.start === undefined) !== (passage.end === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [passage.start === undefined ? 'start' : 'end'],
        message: 'Give both ends of the passage, or neither',
      });
    } else if (passage.start !== undefined && passage.end !== passage.start + passage.quote.exact.length) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'The offsets must span exactly the quoted text' });
    }
    if (passage.category === 'well_done') {
      if (passage.correction !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['correction'],
          message: 'A passage marked well done takes no correction',
        });
      }
    } else if (passage.comment.trim() === '' && passage.correction === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message: 'Say what is wrong with the passage, or give a corrected wording',
      });
    }
    if (passage.correction !== undefined && passage.correction === passage.quote.exact.trim()) {
      ctx.addIssue({ code: 'custom', path: ['correction'], message: 'The correction is identical to the passage' });
    }
  })
  .meta({ id: 'PassageComment' });
export type PassageComment = z.infer<typeof PassageComment>;
