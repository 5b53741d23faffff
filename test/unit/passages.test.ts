import { describe, expect, it } from 'vitest';
import { PassageCategory, PassageComment } from '../../utils/schema/passage';
import type { Review } from '../../utils/schema/review';
import { Submission } from '../../utils/schema/submission';
import { sampleSubmission } from './support/samples';

function paths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.error?.issues.map((i) => i.path.join('.')) ?? [];
}

/** Turn 1 of the sample capture is "Yes: qSOFA is 2.". */
const passage = (change: Partial<PassageComment> = {}): PassageComment => ({
  turn: 1,
  quote: { exact: 'qSOFA is 2', prefix: 'Yes: ', suffix: '.' },
  start: 5,
  end: 15,
  category: 'factual_error',
  comment: 'qSOFA is a prognostic score, not a sepsis diagnosis.',
  ...change,
});

const withPassages = (...passages: PassageComment[]) =>
  sampleSubmission({ kind: 'approve', turn: 1, comment: '', activeMs: 1, passages } as Review);

describe('PassageComment', () => {
  it('accepts a passage with or without offsets, and with a correction instead of a comment', () => {
    expect(Submission.safeParse(withPassages(passage())).success).toBe(true);
    expect(Submission.safeParse(withPassages(passage({ start: undefined, end: undefined }))).success).toBe(true);
    const corrected = passage({ category: 'outdated', comment: '', correction: 'qSOFA is 2 (not diagnostic)' });
    expect(Submission.safeParse(withPassages(corrected)).success).toBe(true);
    expect(Submission.safeParse(withPassages(passage({ category: 'well_done', comment: '' }))).success).toBe(true);
  });

  it.each(PassageCategory.options)(
    'needs a comment or a correction on a passage marked %s, unless it is praise',
    (category) => {
      const bare = PassageComment.safeParse(passage({ category, comment: '' }));
      expect(paths(bare)).toEqual(category === 'well_done' ? [] : ['comment']);
    },
  );

  it.each([
    ['a quote of whitespace only', { quote: { exact: '  ', prefix: '', suffix: '' }, start: 4, end: 6 }, 'quote.exact'],
    ['a critique that says nothing', { comment: ' ' }, 'comment'],
    ['a correction of praise', { category: 'well_done', correction: 'x' } as const, 'correction'],
    ['a correction identical to the passage', { correction: 'qSOFA is 2' }, 'correction'],
    ['one offset without the other', { end: undefined }, 'end'],
    ['offsets that do not span the quote', { end: 16 }, 'end'],
    ['an unknown category', { category: 'wrong' as 'unclear' }, 'category'],
  ])('refuses %s', (_name, change, path) => {
    expect(paths(PassageComment.safeParse(passage(change)))).toEqual([path]);
  });
});

describe('passages in a submission', () => {
  it('refuses a quote that is not in the response, naming the passage', () => {
    const elsewhere = passage({ quote: { exact: 'qSOFA is 3', prefix: '', suffix: '' } });
    const result = Submission.safeParse(withPassages(passage(), elsewhere));
    expect(paths(result)).toEqual(['review.passages.1.quote.exact']);
    expect(result.error?.issues[0]?.message).toBe('The passage is not in the response');
  });

  it('refuses an empty quote at the same path', () => {
    const empty = passage({ quote: { exact: '', prefix: '', suffix: '' }, start: undefined, end: undefined });
    expect(paths(Submission.safeParse(withPassages(empty)))).toContain('review.passages.0.quote.exact');
  });

  it('refuses offsets that point elsewhere than the quote', () => {
    const shifted = passage({ start: 4, end: 14 });
    expect(paths(Submission.safeParse(withPassages(shifted)))).toEqual(['review.passages.0.start']);
  });

  it('refuses a passage of a response the review is not about', () => {
    const other = passage({ turn: 2, quote: { exact: 'cultures', prefix: '', suffix: '' }, start: 13, end: 21 });
    expect(paths(Submission.safeParse(withPassages(other)))).toEqual(['review.passages.0.turn']);
    const rank: Review = {
      kind: 'rank',
      ranking: [
        { turn: 1, rank: 1 },
        { turn: 2, rank: 2 },
      ],
      comment: '',
      activeMs: 1,
      passages: [passage(), other],
    };
    expect(Submission.safeParse(sampleSubmission(rank)).success).toBe(true);
  });

  it('keeps at most 100 per review', () => {
    const many = Array.from({ length: 101 }, () => passage());
    expect(paths(Submission.safeParse(withPassages(...many)))).toEqual(['review.passages']);
  });
});
