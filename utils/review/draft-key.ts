/**
 * Where a review panel's draft is kept: by what it reviews, so that closing
 * the tab (or a crash, or a browser restart) and opening the same response
 * again finds the half-written review. Messages are known by the platform's
 * id where the page has one, else by the start of their text. A re-rating
 * of a task has a draft of its own: it must never open the first rating's.
 */
import type { PanelFocus } from '../messages/background';
import type { Capture } from '../schema/capture';
import type { AssignedTask } from '../schema/task';

export function draftKey(
  capture: Capture | undefined,
  focus: PanelFocus,
  task: { id: string; rerating?: AssignedTask['rerating'] } | undefined,
): string {
  if (task) return `${task.rerating ? 'rerating' : 'task'}:${task.id}`;
  const turns = focus.kind === 'rank' ? focus.turns : 'turn' in focus ? [focus.turn] : [];
  const ids = turns.map((i) => turnKey(capture?.turns[i]));
  return `${pageDraftPrefix(capture?.url ?? '', focus.kind)}${ids.join('|')}`;
}

/** How a message is known across reloads: the platform's id, else the start of its text. */
export function turnKey(turn: { messageId?: string | undefined; text: string } | undefined): string {
  return turn?.messageId ?? `text:${turn?.text.slice(0, 200) ?? ''}`;
}

/** The start of the draft keys of a page's reviews of one kind of focus. */
export function pageDraftPrefix(url: string, kind: PanelFocus['kind']): string {
  return `page:${url}|${kind}|`;
}
