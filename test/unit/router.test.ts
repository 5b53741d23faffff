import { describe, expect, it, vi } from 'vitest';
import { classifySender, type Handlers, route, type Sender } from '../../utils/background/router';
import { ALLOWED_SENDERS, BackgroundRequest, type BackgroundRequestType } from '../../utils/messages/background';
import { sampleCapture, sampleSubmission } from './support/samples';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const senders = {
  content: { id: ID, url: 'https://chatgpt.com/c/1', tab: { id: 7 }, frameId: 0 },
  panel: { id: ID, url: `chrome-extension://${ID}/panel.html#x`, tab: { id: 7 }, frameId: 3 },
  popup: { id: ID, url: `chrome-extension://${ID}/popup.html` },
  audit: { id: ID, url: `chrome-extension://${ID}/audit.html#q`, tab: { id: 9 }, frameId: 0 },
  options: { id: ID, url: `chrome-extension://${ID}/options.html`, tab: { id: 11 }, frameId: 0 },
} satisfies Record<string, Sender>;

function spyHandlers() {
  const types = Object.keys(ALLOWED_SENDERS) as BackgroundRequestType[];
  return Object.fromEntries(types.map((t) => [t, vi.fn(async () => `handled ${t}`)])) as unknown as Handlers &
    Record<BackgroundRequestType, ReturnType<typeof vi.fn>>;
}

const valid: Record<BackgroundRequestType, unknown> = {
  'review.approve': { type: 'review.approve', capture: sampleCapture(), turn: 1 },
  'panel.open': {
    type: 'panel.open',
    sessionId: crypto.randomUUID(),
    capture: sampleCapture(),
    focus: { kind: 'rank', turns: [1, 2] },
  },
  'panel.session': { type: 'panel.session', sessionId: '0b6b1f8e-3a34-4f5e-9d55-5c1f7f0b9a10' },
  'panel.submit': {
    type: 'panel.submit',
    sessionId: '0b6b1f8e-3a34-4f5e-9d55-5c1f7f0b9a10',
    review: { kind: 'approve', turn: 1, comment: '', activeMs: 0 },
  },
  'panel.close': { type: 'panel.close', sessionId: '0b6b1f8e-3a34-4f5e-9d55-5c1f7f0b9a10' },
  'draft.save': {
    type: 'draft.save',
    sessionId: '0b6b1f8e-3a34-4f5e-9d55-5c1f7f0b9a10',
    state: { tab: 'review', rewrite: 'x' },
  },
  'task.open': { type: 'task.open', taskId: 'clin-t01' },
  'task.next': { type: 'task.next', after: 'clin-t01' },
  'page.passages': { type: 'page.passages', url: 'https://chat.example.test/c/1' },
  'outbox.detail': { type: 'outbox.detail', id: '0b6b1f8e-3a34-4f5e-9d55-5c1f7f0b9a10' },
  'projects.list': { type: 'projects.list' },
  'projects.claim': { type: 'projects.claim', projectId: '0b6b1f8e-3a34-4f5e-9d55-5c1f7f0b9a10' },
  'projects.agreement': { type: 'projects.agreement', projectId: '0b6b1f8e-3a34-4f5e-9d55-5c1f7f0b9a10' },
  'audit.list': { type: 'audit.list', filters: { severity: 'critical', disagreement: true } },
  'audit.decide': {
    type: 'audit.decide',
    submissionId: '0b6b1f8e-3a34-4f5e-9d55-5c1f7f0b9a10',
    action: 'return',
    comment: 'Rate step 3',
  },
  'audit.fix': {
    type: 'audit.fix',
    stored: {
      submission: sampleSubmission(),
      user: { id: '0b6b1f8e-3a34-4f5e-9d55-5c1f7f0b9a10', name: 'Dr. Ada Okafor' },
      receivedAt: '2026-11-25T10:00:00.000Z',
    },
  },
  'audit.matching': { type: 'audit.matching', url: 'https://chatgpt.com/c/1', turns: [{ messageId: 'm1', text: 'x' }] },
  'page.auditing': { type: 'page.auditing' },
  'page.reviews': { type: 'page.reviews', url: 'https://chatgpt.com/c/1', turns: [{ text: 'x' }] },
  'auth.signIn': { type: 'auth.signIn', serverUrl: 'http://127.0.0.1:8787', token: 'att_x' },
  'auth.redeem': { type: 'auth.redeem', serverUrl: 'http://127.0.0.1:8787', code: '7K3M-Q9XT-2HBD' },
  'invite.create': { type: 'invite.create', name: 'Dr. Lucía Ortega' },
  'auth.signOut': { type: 'auth.signOut' },
  'state.get': { type: 'state.get' },
  'tasks.refresh': { type: 'tasks.refresh' },
  'outbox.retry': { type: 'outbox.retry' },
  'outbox.export': { type: 'outbox.export' },
  'selection.review': { type: 'selection.review', tabId: 7 },
};

describe('classifySender', () => {
  it('knows the four parts of the extension', () => {
    expect(classifySender(senders.content, ID)).toBe('content');
    expect(classifySender(senders.panel, ID)).toBe('panel');
    expect(classifySender(senders.popup, ID)).toBe('popup');
    expect(classifySender(senders.audit, ID)).toBe('audit');
    expect(classifySender({ ...senders.panel, url: `chrome-extension://dynamic-id-1234/panel.html` }, ID)).toBe(
      'panel',
    );
  });

  it.each([
    ['another extension', { ...senders.popup, id: 'other' }],
    ['no url', { id: ID }],
    ['a content script in a subframe', { ...senders.content, frameId: 2 }],
    ['a page without a tab', { id: ID, url: 'https://chatgpt.com/' }],
    ['a panel outside a tab', { id: ID, url: `chrome-extension://${ID}/panel.html` }],
    ['another extension page', { id: ID, url: `chrome-extension://${ID}/other.html` }],
    ['a file page', { id: ID, url: 'file:///tmp/x.html', tab: { id: 1 }, frameId: 0 }],
    ['a malformed url', { id: ID, url: 'not a url', tab: { id: 1 }, frameId: 0 }],
  ])('refuses %s', (_name, sender) => {
    expect(classifySender(sender as Sender, ID)).toBeUndefined();
  });
});

/** Who may ask what, written out: a change to the policy must change this table too. */
const EXPECTED: Record<BackgroundRequestType, string[]> = {
  'review.approve': ['content', 'popup'],
  'panel.open': ['content'],
  'panel.session': ['panel'],
  'panel.submit': ['panel'],
  'panel.close': ['panel'],
  'draft.save': ['panel'],
  'task.open': ['popup'],
  'task.next': ['panel'],
  'page.passages': ['content'],
  'outbox.detail': ['popup'],
  'projects.list': ['popup', 'audit'],
  'projects.claim': ['popup'],
  'projects.agreement': ['popup', 'audit'],
  'audit.list': ['popup', 'audit'],
  'audit.decide': ['audit', 'panel'],
  'audit.fix': ['audit', 'panel'],
  'audit.matching': ['audit', 'panel'],
  'page.auditing': ['content'],
  'page.reviews': ['content'],
  'auth.signIn': ['popup', 'options'],
  'auth.redeem': ['popup', 'options'],
  'invite.create': ['popup'],
  'auth.signOut': ['popup', 'options'],
  'state.get': ['popup', 'options'],
  'tasks.refresh': ['popup'],
  'outbox.retry': ['popup', 'options'],
  'outbox.export': ['popup', 'options'],
  'selection.review': ['popup'],
};

describe('route', () => {
  it('dispatches each declared request from each allowed sender, and refuses every other sender', async () => {
    expect(Object.keys(ALLOWED_SENDERS).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [type, allowed] of Object.entries(EXPECTED) as [BackgroundRequestType, string[]][]) {
      for (const [kind, sender] of Object.entries(senders)) {
        const handlers = spyHandlers();
        const reply = await route(valid[type], sender, ID, handlers);
        if (allowed.includes(kind)) {
          expect(reply, `${kind} → ${type}`).toEqual({ ok: true, value: `handled ${type}` });
          expect(handlers[type]).toHaveBeenCalledOnce();
        } else {
          expect(reply, `${kind} → ${type}`).toEqual({ ok: false, error: `Refused: a ${kind} may not send ${type}` });
          expect(Object.values(handlers).every((h) => h.mock.calls.length === 0)).toBe(true);
        }
      }
    }
  });

  it('turns a handler failure into an error reply', async () => {
    const handlers = spyHandlers();
    handlers['state.get'].mockRejectedValue(new Error('disk full'));
    expect(await route({ type: 'state.get' }, senders.popup, ID, handlers)).toEqual({ ok: false, error: 'disk full' });
  });

  it('refuses unknown and malformed messages without calling any handler (fuzzed)', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
    const junk = (depth: number): unknown => {
      const choices: (() => unknown)[] = [
        () => null,
        () => undefined,
        () => random() * 1e6,
        () => 'x'.repeat(Math.floor(random() * 50)),
        () => pick(Object.keys(ALLOWED_SENDERS)),
        () => (depth > 0 ? Array.from({ length: 3 }, () => junk(depth - 1)) : []),
        () => (depth > 0 ? { type: junk(0), capture: junk(depth - 1), turn: junk(0), sessionId: junk(0) } : {}),
      ];
      return pick(choices)();
    };
    const spoil = (message: Record<string, unknown>): unknown => {
      const keys = Object.keys(message);
      const key = pick(keys);
      return random() < 0.5 ? { ...message, [key]: junk(2) } : { ...message, extra: junk(1) };
    };
    let refused = 0;
    for (let i = 0; i < 2_000; i++) {
      const handlers = spyHandlers();
      const base = valid[pick(Object.keys(valid) as BackgroundRequestType[])] as Record<string, unknown>;
      const message = random() < 0.3 ? junk(3) : spoil(base);
      const sender = pick(Object.values(senders));
      const reply = await route(message, sender, ID, handlers);
      const called = Object.entries(handlers).filter(([, h]) => h.mock.calls.length > 0);
      const parsed = BackgroundRequest.safeParse(message);
      const allowed =
        parsed.success && ALLOWED_SENDERS[parsed.data.type].includes(classifySender(sender, ID) ?? 'content');
      // A spoiled message may still be valid (a field replaced by a valid value); only then may anything run.
      if (allowed) {
        expect(called.map(([type]) => type)).toEqual([parsed.data.type]);
      } else {
        refused++;
        expect(called).toEqual([]);
        expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^Refused: /) });
      }
    }
    expect(refused).toBeGreaterThan(1_500);
  });
});
