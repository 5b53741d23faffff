import { describe, expect, it } from 'vitest';
import { matchReviews, SAME_TEXT, similarity } from '../../utils/review/match';
import type { StoredSubmission } from '../../utils/schema/api';
import { sampleSubmission } from './support/samples';

const stored = (review = sampleSubmission()): StoredSubmission => ({
  submission: review,
  user: { id: '6b1f2f7e-0d5a-4c4e-9b38-2f9d2b0c1a11', name: 'Dr. A' },
  receivedAt: '2026-11-25T10:00:00.000Z',
});

describe('matching reviews to the responses on a page', () => {
  it('matches by message id where both have one, whatever the text became', () => {
    const reviews = [stored()];
    expect(
      matchReviews(
        [
          { messageId: 'm1', text: 'rewritten entirely' },
          { messageId: 'm2', text: 'Yes: qSOFA is 2.' },
        ],
        reviews,
      ),
    ).toEqual([[0], []]);
  });

  it('matches by text, loosely, when the page has no ids, and not a different response', () => {
    const review = sampleSubmission();
    const turn = review.capture?.turns[1];
    if (turn)
      turn.text =
        'Yes: she meets Sepsis-3 septic shock criteria, because norepinephrine is needed to keep MAP at 65 mmHg and lactate is 3.1.';
    const page = [
      {
        text: 'Yes: she meets Sepsis-3 septic shock criteria because norepinephrine is needed to keep MAP at 65 mmHg, and lactate is 3.1!',
      },
      { text: 'No: give another 2 litres of saline and start dopamine.' },
    ];
    const { messageId: _, ...withoutId } = turn ?? { text: '' };
    if (review.capture && turn) review.capture.turns[1] = { ...withoutId, role: 'assistant', anchor: turn.anchor };
    expect(matchReviews(page, [stored(review)])).toEqual([[0], []]);
  });

  it('scores texts by their word pairs', () => {
    expect(similarity('Start norepinephrine now.', 'start NOREPINEPHRINE now')).toBe(1);
    expect(similarity('a b c d', 'e f g h')).toBe(0);
    expect(similarity('give norepinephrine first then fluids', 'give fluids first then norepinephrine')).toBeLessThan(
      SAME_TEXT,
    );
  });
});
