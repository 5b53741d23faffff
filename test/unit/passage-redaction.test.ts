import { describe, expect, it } from 'vitest';
import { describePassage } from '../../utils/anchoring/text-quote';
import { redactCapture } from '../../utils/review/capture-privacy';
import { passagesAfterRedaction } from '../../utils/review/passages';
import type { Review } from '../../utils/schema/review';
import { Submission } from '../../utils/schema/submission';
import { sampleCapture, sampleSubmission } from './support/samples';

const text = 'Mr John Smith, 64, has qSOFA 2: start antibiotics within the hour.';
const capture = sampleCapture();
capture.turns[1] = { ...capture.turns[1], text, anchor: { exact: text, prefix: '', suffix: '' } } as never;
const name = { part: 'text' as const, turn: 1, start: 3, end: 13 };

function reviewOn(words: string): Review {
  const start = text.indexOf(words);
  const described = describePassage(text, start, start + words.length);
  if (!described) throw new Error('no passage');
  return {
    kind: 'approve',
    turn: 1,
    comment: '',
    activeMs: 1,
    passages: [{ turn: 1, ...described, category: 'factual_error', comment: 'Within the hour only in shock.' }],
  };
}

describe('passages of a redacted conversation', () => {
  it('are described again: offsets moved and the context no longer holds the redacted name', () => {
    const sent = redactCapture(capture, [name]);
    const review = passagesAfterRedaction(reviewOn('qSOFA 2'), sent);
    const [passage] = review.passages ?? [];
    expect(passage?.quote.exact).toBe('qSOFA 2');
    expect(passage?.quote.prefix).not.toContain('Smith');
    expect(sent.turns[1]?.text.slice(passage?.start, passage?.end)).toBe('qSOFA 2');
    // And the submission accepts it against the redacted capture.
    const submission = { ...sampleSubmission(review), capture: sent };
    expect(Submission.safeParse(submission).success).toBe(true);
  });

  it('refuses a passage about redacted words, which it would carry', () => {
    expect(() => passagesAfterRedaction(reviewOn('John Smith, 64'), redactCapture(capture, [name]))).toThrow(
      /about text you redacted/,
    );
  });

  it('leaves a review without passages as it is', () => {
    const review: Review = { kind: 'approve', turn: 1, comment: '', activeMs: 1 };
    expect(passagesAfterRedaction(review, redactCapture(capture, [name]))).toBe(review);
  });
});
