/** Valid sample values of the shared schemas, for tests to start from and spoil. */
import { randomUUID } from 'node:crypto';
import type { Capture } from '../../../utils/schema/capture';
import type { Review } from '../../../utils/schema/review';
import type { Submission } from '../../../utils/schema/submission';

export function sampleCapture(): Capture {
  const turns: Capture['turns'] = [
    { role: 'user', text: 'Is this sepsis?' },
    { role: 'assistant', text: 'Yes: qSOFA is 2.', messageId: 'm1', model: 'model-alpha' },
    { role: 'assistant', text: 'No: wait for cultures.', messageId: 'm2', model: 'model-beta' },
  ].map((t, i, all) => ({
    ...t,
    role: t.role as 'user' | 'assistant',
    anchor: { exact: t.text, prefix: all[i - 1]?.text.slice(-32) ?? '', suffix: all[i + 1]?.text.slice(0, 32) ?? '' },
  }));
  return {
    site: 'generic',
    url: 'https://chat.example.test/c/123',
    title: 'Sepsis triage',
    capturedAt: '2026-11-25T10:00:00.000Z',
    turns,
  };
}

export function sampleSubmission(
  review: Review = { kind: 'approve', turn: 1, comment: '', activeMs: 1200 },
): Submission {
  return {
    id: randomUUID(),
    schemaVersion: 1,
    capture: sampleCapture(),
    review,
    createdAt: '2026-11-25T10:01:00.000Z',
  };
}
