/**
 * The conversation around reviewed responses, as the chat messages that
 * training and evaluation formats expect.
 *
 * Everything here works on turn indexes, never on where a response was shown:
 * a randomised display order can therefore never change what is exported.
 */
import type { Capture } from '../schema/capture';

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

/** The model that wrote turn `index`, as the page named it. */
export function modelOf(capture: Capture, index: number): string {
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
