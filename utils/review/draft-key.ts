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
  const ids = turns.map((i) => {
    const turn = capture?.turns[i];
    return turn?.messageId ?? `text:${turn?.text.slice(0, 200) ?? ''}`;
  });
  return `page:${capture?.url ?? ''}|${focus.kind}|${ids.join('|')}`;
}
