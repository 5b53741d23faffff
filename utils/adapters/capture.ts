/**
 * From the turns an adapter found to a Capture: the text of each turn, its
 * text-quote anchor, and the alternatives of one prompt grouped for ranking.
 */
import type { Capture, Role, Turn } from '../schema/capture';
import { LIMITS } from '../schema/limits';
import type { SiteAdapter, TurnElement } from './adapter';
import { elementText } from './text';

export interface ReadTurn {
  role: Role;
  text: string;
  messageId?: string;
  model?: string;
  reasoning?: string;
}

/** Reads the text of each turn, in the same order; a turn with no text (an image alone) has "". */
export function readTurns(adapter: Pick<SiteAdapter, 'noise'>, turns: TurnElement[]): ReadTurn[] {
  const read = (el: Element) => elementText(el, adapter.noise).slice(0, LIMITS.turnText);
  return turns.map(({ el, role, messageId, model, body, reasoning }) => {
    const thoughts = reasoning && read(reasoning);
    return {
      role,
      text: read(body ?? el),
      ...(messageId ? { messageId } : {}),
      ...(model ? { model } : {}),
      ...(thoughts ? { reasoning: thoughts } : {}),
    };
  });
}

/**
 * Indexes of the responses that answer the same prompt: consecutive assistant
 * turns (regenerated variants, side-by-side comparisons) form one group.
 */
export function responseGroups(roles: Role[]): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  roles.forEach((role, i) => {
    if (role === 'assistant') current.push(i);
    else if (current.length) {
      groups.push(current);
      current = [];
    }
  });
  if (current.length) groups.push(current);
  return groups;
}

const SEPARATOR = '\n\n';

/** Turn i's text-quote anchor: its text, with the end of the turn before and the start of the turn after. */
export function anchorOf(turns: readonly { text: string }[], i: number): Turn['anchor'] {
  const n = LIMITS.anchorContext;
  const before = turns[i - 1]?.text;
  const after = turns[i + 1]?.text;
  return {
    exact: turns[i]?.text ?? '',
    prefix: before === undefined ? '' : (before + SEPARATOR).slice(-n),
    suffix: after === undefined ? '' : (SEPARATOR + after).slice(0, n),
  };
}

export interface PageInfo {
  site: string;
  url: string;
  title: string;
}

/**
 * The capture for a review of `targets` (indexes into `turns`): the
 * conversation up to the last target, without turns that have no text, at most
 * LIMITS.turns turns. Returns the targets' indexes in the capture.
 */
export function buildCapture(
  turns: ReadTurn[],
  targets: number[],
  page: PageInfo,
  now: Date,
): { capture: Capture; targets: number[] } {
  const end = Math.max(...targets) + 1;
  // Anchors take their context from the whole page, including turns after the last target.
  const withText = turns.map((turn, index) => ({ turn, index })).filter(({ turn }) => turn.text !== '');
  const texts = withText.map(({ turn }) => turn);
  const kept = withText
    .map((entry, i) => ({ ...entry, anchor: anchorOf(texts, i) }))
    .filter(({ index }) => index < end)
    .slice(-LIMITS.turns);
  const position = new Map(kept.map(({ index }, i) => [index, i]));
  return {
    capture: {
      site: page.site,
      url: page.url,
      title: page.title.slice(0, 1000),
      capturedAt: now.toISOString(),
      turns: kept.map(({ turn, anchor }): Turn => ({ ...turn, anchor })),
    },
    targets: targets.map((t) => {
      const i = position.get(t);
      if (i === undefined) throw new Error('This response has no text to review');
      return i;
    }),
  };
}
