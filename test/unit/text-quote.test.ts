import { describe, expect, it } from 'vitest';
import { anchorPassage, describePassage } from '../../utils/anchoring/text-quote';
import { LIMITS } from '../../utils/schema/limits';

const RESPONSE =
  'Start empiric antibiotics within one hour of recognition. Give 30 mL/kg of crystalloid for hypotension ' +
  'or lactate of 4 mmol/L or more. Reassess volume status after each bolus. Start norepinephrine if the mean ' +
  'arterial pressure stays below 65 mmHg after fluids.';

function described(text: string, exact: string) {
  const start = text.indexOf(exact);
  const passage = describePassage(text, start, start + exact.length);
  if (!passage) throw new Error(`"${exact}" is not in the text`);
  return passage;
}

describe('describePassage', () => {
  it('keeps the selection with context on each side, trimmed of whitespace', () => {
    const selected = ' Give 30 mL/kg of crystalloid for ';
    const start = RESPONSE.indexOf(selected);
    const end = start + selected.length;
    const passage = describePassage(RESPONSE, start, end);
    expect(passage?.quote.exact).toBe(selected.trim());
    expect(passage?.quote.prefix).toBe(RESPONSE.slice(start + 1 - LIMITS.anchorContext, start + 1));
    expect(passage?.quote.prefix).toHaveLength(LIMITS.anchorContext);
    expect(passage?.quote.suffix).toBe(RESPONSE.slice(end - 1, end - 1 + LIMITS.anchorContext));
    expect(passage && RESPONSE.slice(passage.start, passage.end)).toBe(passage?.quote.exact);
  });

  it('shortens the context at the ends of the text and refuses an empty selection', () => {
    expect(describePassage('Yes: qSOFA is 2.', 0, 3)?.quote).toEqual({
      exact: 'Yes',
      prefix: '',
      suffix: ': qSOFA is 2.',
    });
    expect(describePassage(RESPONSE, 10, 10)).toBeNull();
    expect(describePassage('a  \n b', 1, 4)).toBeNull();
  });
});

describe('anchorPassage', () => {
  const stored = described(RESPONSE, 'Give 30 mL/kg of crystalloid');

  it('finds an unchanged passage at its offsets', () => {
    expect(anchorPassage(RESPONSE, stored)).toEqual({ start: stored.start, end: stored.end, match: 'exact' });
  });

  it('finds a passage shifted by text inserted before it', () => {
    const text = `Sepsis is an emergency. ${RESPONSE}`;
    const anchor = anchorPassage(text, stored);
    expect(anchor?.match).toBe('exact');
    expect(anchor && text.slice(anchor.start, anchor.end)).toBe(stored.quote.exact);
    expect(anchor?.start).toBe(stored.start + 'Sepsis is an emergency. '.length);
  });

  it('finds a passage with a few characters changed inside it, approximately', () => {
    const text = RESPONSE.replace('30 mL/kg of crystalloid', '30 ml/kg of crystalloids');
    const anchor = anchorPassage(text, stored);
    expect(anchor?.match).toBe('fuzzy');
    expect(anchor && text.slice(anchor.start, anchor.end)).toMatch(/^Give 30 ml\/kg of crystalloids?$/);
  });

  it('finds an edited passage even without offsets, by its context', () => {
    const text = `Note. ${RESPONSE.replace('30 mL/kg', '30 ml per kg')}`;
    const anchor = anchorPassage(text, { quote: stored.quote });
    expect(anchor?.match).toBe('fuzzy');
    expect(anchor && text.slice(anchor.start, anchor.end)).toContain('Give 30 ml per kg of crystallo');
  });

  it('tells copies of a quote apart by their context', () => {
    const text =
      'Reassess after each bolus. Check lactate. Then reassess after each bolus of fluid. Check lactate. Stop.';
    const second = text.lastIndexOf('Check lactate.');
    const passage = describePassage(text, second, second + 'Check lactate.'.length);
    if (!passage) throw new Error('no passage');
    expect(anchorPassage(text, { quote: passage.quote })).toEqual({ start: second, end: passage.end, match: 'exact' });
    // The old offset now points at the wrong text (a line was inserted), but the context still knows.
    const edited = `Wash hands. ${text}`;
    expect(anchorPassage(edited, passage)?.start).toBe(second + 'Wash hands. '.length);
    // With the context gone from both copies, the copy nearest the old offset wins.
    const bare = { quote: { ...passage.quote, prefix: '', suffix: '' }, start: second + 3 };
    expect(anchorPassage(text, bare)?.start).toBe(second);
    expect(anchorPassage(text, { ...bare, start: 0 })?.start).toBe(text.indexOf('Check lactate.'));
  });

  it('reports a removed passage as orphaned rather than pinning it elsewhere', () => {
    const text = RESPONSE.replace(/Give 30 mL\/kg[^.]*\. /, '');
    expect(text).not.toContain('crystalloid');
    expect(anchorPassage(text, stored)).toBeNull();
    expect(anchorPassage('', stored)).toBeNull();
    const short = described(RESPONSE, '65');
    expect(anchorPassage(RESPONSE.replace('65', '60'), short)).toBeNull();
  });

  it('does not hand a removed passage to a near copy in other surroundings', () => {
    const text =
      'In children, give 20 mL/kg of crystalloid as a bolus. In adults, give 30 mL/kg of crystalloid for shock.';
    const adults = described(text, 'give 30 mL/kg of crystalloid');
    const edited = text.replace('give 30 mL/kg', 'give 20 mL/kg');
    expect(anchorPassage(edited, adults)).toEqual({ start: adults.start, end: adults.end, match: 'fuzzy' });
    expect(anchorPassage(text.slice(0, text.indexOf(' In adults')), adults)).toBeNull();
  });

  it('is deterministic and quick on a short quote repeated all over a long text', () => {
    const text = 'the dose is 5 mg. '.repeat(20_000);
    const passage = describePassage(text, 12 + 18 * 9_000, 13 + 18 * 9_000);
    if (!passage) throw new Error('no passage');
    const changed = `x${text.replace('the dose', 'The dose')}`;
    const began = performance.now();
    const anchor = anchorPassage(changed, passage);
    expect(performance.now() - began).toBeLessThan(2_000);
    expect(anchor).toEqual({ start: passage.start + 1, end: passage.end + 1, match: 'exact' });
    expect(anchorPassage(changed, passage)).toEqual(anchor);
  });
});
