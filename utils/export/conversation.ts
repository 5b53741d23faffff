/**
 * The conversation around reviewed responses, as the chat messages that
 * training and evaluation formats expect.
 *
 * Everything here works on the turns of the capture the reviewer saw: a turn's
 * text travels with its index, and a task response's model is found by the id
 * its turn carries, so a randomised display order (a blind project's, or the
 * order a ranking lists its entries in) can never change what is exported.
 */
import { responseAt } from '../review/blind';
import type { Capture } from '../schema/capture';
import type { Task } from '../schema/task';

export interface Message {
  role: 'user' | 'assistant';
  content: string;
}

/** The text of turn `index`. Stored submissions were checked to point at real turns, so a miss is a bug. */
export function turnText(capture: Capture, index: number): string {
  const turn = capture.turns[index];
  if (!turn) throw new Error(`Turn ${index} is not in the capture`);
  return turn.text;
}

/**
 * The model that wrote turn `index`: for a response of the record's task, the
 * model the task names for the response id the turn carries (an expert of a
 * blind project saw neither the model nor the stored order); else as the page
 * named it.
 */
export function modelOf(capture: Capture, index: number, task?: Task): string {
  const response = responseAt(task, capture, index);
  if (response) return response.model ?? 'unknown';
  return capture.turns[index]?.model ?? 'unknown';
}

/**
 * The prompt of the responses at `turns`: every turn up to and including the
 * user turn they answer (the last user turn before the first of them). Other
 * answers to that user turn (regenerated variants, the other side of a
 * comparison) are responses, not prompt. Undefined when no user turn precedes
 * them: a row without a prompt teaches nothing.
 */
export function promptMessages(capture: Capture, turns: readonly number[]): Message[] | undefined {
  const first = Math.min(...turns);
  const before = capture.turns.slice(0, first);
  const userTurn = before.map((t) => t.role).lastIndexOf('user');
  if (userTurn < 0) return undefined;
  return before.slice(0, userTurn + 1).map((t) => ({ role: t.role, content: t.text }));
}

/** A completion as conversational formats write it: one assistant message. */
export function assistant(content: string): [{ role: 'assistant'; content: string }] {
  return [{ role: 'assistant', content }];
}

/**
 * A prompt as one string, for formats that have no conversational form
 * (TRL stepwise supervision, PRM800K, a Label Studio text field). A single
 * question stays exactly as written; a longer conversation keeps who said what.
 */
export function promptText(messages: readonly Message[]): string {
  if (messages.length === 1 && messages[0]) return messages[0].content;
  return messages.map((m) => `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`).join('\n\n');
}
