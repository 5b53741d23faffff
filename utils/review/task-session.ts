/**
 * What the review panel opens on for an assigned task: the task's prompt and
 * responses as a capture (site "task"), and the kind of review the task asks
 * for. A task to write a prompt reviews no capture.
 *
 * The responses become turns in the order the task lists them, which is the
 * order the server chose to show them in (see utils/review/blind.ts); each
 * turn carries its response's id as `messageId`, the way back to the response
 * and its model, and a model name only where the task shows one.
 */
import type { PanelFocus } from '../messages/background';
import type { Capture, Turn } from '../schema/capture';
import type { Task, TaskResponse } from '../schema/task';

function turn(role: Turn['role'], text: string, response?: TaskResponse): Turn {
  return {
    role,
    text,
    ...(response?.id ? { messageId: response.id } : {}),
    ...(response?.model ? { model: response.model } : {}),
    anchor: { exact: text, prefix: '', suffix: '' },
  };
}

export function taskSession(task: Task, serverUrl: string, now: Date): { capture?: Capture; focus: PanelFocus } {
  if (task.kind === 'write_prompt') {
    return { focus: { kind: 'prompt', instructions: task.instructions, requirements: task.requirements } };
  }
  const responses = task.kind === 'rank_responses' ? task.responses : [task.response];
  const capture: Capture = {
    site: 'task',
    url: `${serverUrl}/tasks/${encodeURIComponent(task.id)}`,
    title: task.title,
    capturedAt: now.toISOString(),
    turns: [turn('user', task.prompt), ...responses.map((r) => turn('assistant', r.content, r))],
  };
  switch (task.kind) {
    case 'review_response':
      return { capture, focus: { kind: 'response', turn: 1, start: 'review' } };
    case 'correct_chain_of_thought':
      return { capture, focus: { kind: 'response', turn: 1, start: 'steps' } };
    case 'rank_responses':
      return { capture, focus: { kind: 'rank', turns: responses.map((_, i) => i + 1) } };
    case 'rubric_grade':
      return { capture, focus: { kind: 'rubric', turn: 1, rubric: task.rubric } };
  }
}
