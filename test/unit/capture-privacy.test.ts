import { describe, expect, it } from 'vitest';
import { demoConversation } from '../../server/demo/conversation';
import { clinicalTasks } from '../../server/demo/seed';
import { anchorOf } from '../../utils/adapters/capture';
import { type CaptureSpan, findCapturePhi, REDACTED, redactCapture } from '../../utils/review/capture-privacy';
import { taskSession } from '../../utils/review/task-session';
import type { Capture } from '../../utils/schema/capture';

function capture(texts: { role: 'user' | 'assistant'; text: string; reasoning?: string }[], title = 'Chat'): Capture {
  const turns = texts.map((t, i) => ({ ...t, anchor: anchorOf(texts, i) }));
  return {
    site: 'generic',
    url: 'https://chat.example.test/c/1',
    title,
    capturedAt: '2026-11-25T10:00:00.000Z',
    turns: turns.map((t, i) => ({
      ...t,
      anchor: {
        ...t.anchor,
        ...(i === 0 ? { prefix: 'Ward list for Patient: Mary Jones\n\n' } : {}),
        ...(i === turns.length - 1 ? { suffix: '\n\nMRN: 4471923 follow-up' } : {}),
      },
    })),
  };
}

const patientChat = () =>
  capture(
    [
      { role: 'user', text: 'Patient John Smith, MRN: 88231907, has a potassium of 6.1. What now?' },
      {
        role: 'assistant',
        text: 'For Mr. Smith: repeat the potassium and get an ECG. See https://example.org/hyperkalaemia or mail a@b.org.',
        reasoning: 'John Smith has hyperkalaemia.',
      },
    ],
    'Hyperkalaemia: John Smith',
  );

describe('the PHI guard on a capture', () => {
  it('finds patient data in every text of the capture, and a name found once wherever else it appears', () => {
    const found = findCapturePhi(patientChat()).map((f) => [f.where, f.kind, f.text.slice(f.start, f.end)]);
    expect(found).toEqual([
      [{ part: 'title' }, 'name', 'John Smith'],
      [{ part: 'before' }, 'name', 'Mary Jones'],
      [{ part: 'text', turn: 0 }, 'name', 'John Smith'],
      [{ part: 'text', turn: 0 }, 'record_number', '88231907'],
      [{ part: 'text', turn: 1 }, 'name', 'Smith'],
      [{ part: 'reasoning', turn: 1 }, 'name', 'John Smith'],
      [{ part: 'after' }, 'record_number', '4471923'],
    ]);
  });

  it('does not flag the addresses a model cites, nor the demo conversation', () => {
    const kinds = findCapturePhi(patientChat()).map((f) => f.kind);
    expect(kinds).not.toContain('url');
    expect(kinds).not.toContain('email');
    const demo = capture(
      demoConversation.turns.map((t) => ({ role: t.role, text: t.content })),
      demoConversation.title,
    );
    expect(
      findCapturePhi({
        ...demo,
        turns: demo.turns.map((t) => ({ ...t, anchor: { ...t.anchor, prefix: '', suffix: '' } })),
      }),
    ).toEqual([]);
  });

  it('finds nothing in the synthetic demo tasks, which are reviewed as they are', () => {
    for (const task of clinicalTasks()) {
      const { capture } = taskSession(task, 'http://127.0.0.1:8787', new Date('2026-11-25T10:00:00Z'));
      expect(capture ? findCapturePhi(capture) : [], task.id).toEqual([]);
    }
  });

  it('redacts every finding so that nothing of it is left anywhere in the capture, anchors included', () => {
    const chat = patientChat();
    const spans: CaptureSpan[] = findCapturePhi(chat).map(({ where, start, end }) => ({ ...where, start, end }));
    const redacted = redactCapture(chat, spans);
    const json = JSON.stringify(redacted);
    for (const secret of ['John', 'Smith', '88231907', 'Mary Jones', '4471923']) expect(json).not.toContain(secret);
    expect(redacted.turns[0]?.text).toBe(`Patient ${REDACTED}, MRN: ${REDACTED}, has a potassium of 6.1. What now?`);
    expect(redacted.title).toBe(`Hyperkalaemia: ${REDACTED}`);
    expect(findCapturePhi(redacted)).toEqual([]);
    // Anchors are rebuilt from the redacted texts: the exact text, and its neighbours' ends.
    expect(redacted.turns[1]?.anchor.exact).toBe(redacted.turns[1]?.text);
    expect(redacted.turns[1]?.anchor.prefix).toBe(`${redacted.turns[0]?.text}\n\n`.slice(-32));
  });

  it('keeps the capture as it is without redactions, and refuses a span outside its text or overlapping another', () => {
    const chat = patientChat();
    expect(redactCapture(chat, [])).toBe(chat);
    expect(() => redactCapture(chat, [{ part: 'text', turn: 0, start: 5, end: 500 }])).toThrow(RangeError);
    expect(() => redactCapture(chat, [{ part: 'text', turn: 7, start: 0, end: 1 }])).toThrow(RangeError);
    expect(() =>
      redactCapture(chat, [
        { part: 'text', turn: 0, start: 0, end: 10 },
        { part: 'text', turn: 0, start: 5, end: 12 },
      ]),
    ).toThrow(RangeError);
  });
});
