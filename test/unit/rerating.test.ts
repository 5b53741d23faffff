/**
 * Re-ratings outside the database: how many are due for a share of an
 * expert's completed tasks, and the panel keeping a re-rating's draft apart
 * from the first rating's. (Scheduling against the database:
 * test/unit/server/rerating.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { reratingDue } from '../../server/resources/projects';
import type { PanelFocus } from '../../utils/messages/background';
import { draftKey } from '../../utils/review/draft-key';
import { sampleCapture } from './support/samples';

/** How many re-ratings an expert with `completed` tasks is served, claiming as long as one is due. */
function served(share: number, completed: number): number {
  let n = 0;
  while (reratingDue(share, completed, n)) n++;
  return n;
}

describe('the re-rating share', () => {
  it('is exactly ⌊share × completed⌋, for every share in whole percent up to half and up to 1000 tasks', () => {
    for (let percent = 1; percent <= 50; percent++) {
      for (let completed = 0; completed <= 1000; completed++) {
        // Integer arithmetic: what floating point must not get wrong (0.29 × 100 is 28.999… in doubles).
        expect(served(percent / 100, completed)).toBe(Math.floor((percent * completed) / 100));
      }
    }
  });

  it('never goes beyond the share, and comes within one task of it', () => {
    for (const share of [0.05, 0.123, 1 / 3, 0.5]) {
      for (let completed = 1; completed <= 500; completed++) {
        const n = served(share, completed);
        expect(n).toBeLessThanOrEqual(share * completed + 1e-9);
        expect(n).toBeGreaterThan(share * completed - 1);
      }
    }
  });
});

describe('the draft of a re-rating', () => {
  const focus: PanelFocus = { kind: 'response', turn: 1, start: 'review' };

  it('is kept apart from the first rating’s, which it must never open', () => {
    const capture = sampleCapture();
    const first = draftKey(capture, focus, { id: 'clin-t01' });
    const again = draftKey(capture, focus, { id: 'clin-t01', rerating: true });
    expect(first).toBe('task:clin-t01');
    expect(again).not.toBe(first);
    // Task ids may hold ':', so no id's first-rating key is another's re-rating key.
    expect(draftKey(capture, focus, { id: 'rerating:clin-t01' })).not.toBe(again);
    expect(draftKey(capture, focus, { id: `clin-t01:${again}` })).not.toBe(again);
  });
});
