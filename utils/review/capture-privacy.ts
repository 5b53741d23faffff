/**
 * The PHI guard on what is captured from the page, before it leaves the
 * browser. The conversation is the clinician's or a colleague's chat: a
 * prompt may carry a real patient's name, dates or record number, and the
 * model may repeat them. Each finding says where it is; the reviewer redacts
 * what must not be sent, or confirms it is not real patient data.
 *
 * Model-written text is not checked for web addresses, e-mail addresses and IP
 * addresses: models cite pages and write examples, and those identify nobody.
 */
import { z } from 'zod';
import { anchorOf } from '../adapters/capture';
import type { Capture, Turn } from '../schema/capture';
import { LIMITS } from '../schema/limits';
import { detectPhi, type PhiFinding, type PhiKind } from './phi';

/** A text of a capture. "before" and "after" are the page's words around the captured turns, kept in anchors. */
export type CapturePart =
  | { part: 'title' }
  | { part: 'text' | 'reasoning'; turn: number }
  | { part: 'before' | 'after' };

const offset = z.number().int().min(0).max(LIMITS.turnText);

/** A span of a capture's text to redact: what the review panel sends with a review. */
export const CaptureSpan = z.union([
  z.strictObject({ part: z.literal('title'), start: offset, end: offset }),
  z.strictObject({
    part: z.enum(['text', 'reasoning']),
    turn: z.number().int().min(0).max(LIMITS.turns),
    start: offset,
    end: offset,
  }),
  z.strictObject({ part: z.enum(['before', 'after']), start: offset, end: offset }),
]);
export type CaptureSpan = z.infer<typeof CaptureSpan>;

export interface CaptureFinding extends PhiFinding {
  where: CapturePart;
  /** The whole text the finding is in (for showing it in context). */
  text: string;
}

export const REDACTED = '[redacted]';

const NOT_CHECKED_IN_MODEL_TEXT: ReadonlySet<PhiKind> = new Set(['url', 'email', 'ip']);

function partText(capture: Capture, where: CapturePart): string | undefined {
  switch (where.part) {
    case 'title':
      return capture.title;
    case 'text':
      return capture.turns[where.turn]?.text;
    case 'reasoning':
      return capture.turns[where.turn]?.reasoning;
    case 'before':
      return capture.turns[0]?.anchor.prefix;
    case 'after':
      return capture.turns.at(-1)?.anchor.suffix;
  }
}

function parts(capture: Capture): { where: CapturePart; modelWritten: boolean }[] {
  return [
    { where: { part: 'title' }, modelWritten: false },
    { where: { part: 'before' }, modelWritten: false },
    ...capture.turns.flatMap((turn, i) => [
      { where: { part: 'text' as const, turn: i }, modelWritten: turn.role === 'assistant' },
      ...(turn.reasoning ? [{ where: { part: 'reasoning' as const, turn: i }, modelWritten: true }] : []),
    ]),
    { where: { part: 'after' }, modelWritten: false },
  ];
}

/** The words a finding is made of that identify the person wherever else they appear. */
function needles(finding: PhiFinding, value: string): string[] {
  if (finding.kind !== 'name') return [value];
  // "John A. Smith": the whole name, and "John" and "Smith" on their own.
  return [value, ...(value.match(/\p{Lu}[\p{L}'’-]{2,}/gu) ?? [])];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Spans that do not overlap one already kept, longest first among those that start together. */
function disjoint<T extends { start: number; end: number }>(spans: T[]): T[] {
  const kept: T[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (kept.every((k) => span.end <= k.start || span.start >= k.end)) kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Every likely identifier in the capture. What the detector finds once (a
 * name after "Patient", a number after "MRN") is then found wherever else it
 * appears: the model repeats the name without the word that gave it away.
 */
export function findCapturePhi(capture: Capture): CaptureFinding[] {
  const checked = parts(capture).map(({ where, modelWritten }) => {
    const text = partText(capture, where) ?? '';
    const direct = detectPhi(text).filter((f) => !(modelWritten && NOT_CHECKED_IN_MODEL_TEXT.has(f.kind)));
    return { where, text, direct };
  });
  const known = new Map<string, PhiFinding>();
  for (const { text, direct } of checked) {
    for (const f of direct) for (const needle of needles(f, text.slice(f.start, f.end))) known.set(needle, f);
  }
  const pattern =
    known.size > 0
      ? new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${[...known.keys()]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|')})(?![\\p{L}\\p{N}])`,
          'gu',
        )
      : undefined;
  return checked.flatMap(({ where, text, direct }) => {
    const repeated: PhiFinding[] = pattern
      ? Array.from(text.matchAll(pattern), (m) => {
          const source = known.get(m[0]);
          return {
            kind: source?.kind ?? 'name',
            start: m.index,
            end: m.index + m[0].length,
            reason: source?.reason ?? 'personName',
            elsewhere: true,
          };
        })
      : [];
    return disjoint([...direct, ...repeated]).map((f) => ({ ...f, where, text }));
  });
}

const samePart = (a: CapturePart, b: CapturePart) =>
  a.part === b.part && ('turn' in a ? a.turn : -1) === ('turn' in b ? b.turn : -1);

/** `text` with each span replaced by REDACTED; spans must lie inside it and not overlap. */
function redactText(text: string, spans: CaptureSpan[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const { start, end } of sorted) {
    if (start < at || end <= start || end > text.length) throw new RangeError('A redaction is outside its text');
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * The capture with the spans replaced by REDACTED. Anchors are rebuilt from
 * the redacted texts, so that no redacted word survives in an anchor's context.
 */
export function redactCapture(capture: Capture, spans: CaptureSpan[]): Capture {
  if (spans.length === 0) return capture;
  // Every span must name a text the capture has (the loop below visits only those).
  if (spans.some((span) => partText(capture, span) === undefined)) {
    throw new RangeError('A redaction names a turn the capture does not have');
  }
  const redacted = (where: CapturePart, text: string): string => {
    const own = spans.filter((s) => samePart(s, where));
    return own.length ? redactText(text, own) : text;
  };
  const turns = capture.turns.map(
    (turn, i): Omit<Turn, 'anchor'> => ({
      ...turn,
      text: redacted({ part: 'text', turn: i }, turn.text),
      ...(turn.reasoning ? { reasoning: redacted({ part: 'reasoning', turn: i }, turn.reasoning) } : {}),
    }),
  );
  const last = turns.length - 1;
  return {
    ...capture,
    title: redacted({ part: 'title' }, capture.title),
    turns: turns.map((turn, i) => {
      const anchor = anchorOf(turns, i);
      const original = capture.turns[i]?.anchor;
      return {
        ...turn,
        anchor: {
          exact: anchor.exact,
          prefix: i === 0 ? redacted({ part: 'before' }, original?.prefix ?? '') : anchor.prefix,
          suffix: i === last ? redacted({ part: 'after' }, original?.suffix ?? '') : anchor.suffix,
        },
      };
    }),
  };
}
