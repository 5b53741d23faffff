import { i18n } from '#i18n';
import type { PanelSession } from '@/utils/messages/background';
import type { Capture } from '@/utils/schema/capture';

/** The prompt a response answers: the nearest user turn before it. */
export function PromptOf({ capture, turn }: { capture: Capture; turn: number }) {
  const prompt = capture.turns.slice(0, turn).findLast((t) => t.role === 'user');
  if (!prompt) return null;
  return (
    <details className="card">
      <summary>{i18n.t('panel.context.prompt')}</summary>
      <div className="text">{prompt.text}</div>
    </details>
  );
}

/** Links the review to one of the expert's assigned tasks, if it fulfils one. */
export function TaskChoice({
  tasks,
  value,
  onChange,
}: {
  tasks: PanelSession['tasks'];
  value: string;
  onChange(taskId: string): void;
}) {
  if (tasks.length === 0) return null;
  return (
    <>
      <label htmlFor="task">{i18n.t('panel.context.forTask')}</label>
      <select id="task" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{i18n.t('panel.context.noTask')}</option>
        {tasks.map((task) => (
          <option key={task.id} value={task.id}>
            {task.title}
          </option>
        ))}
      </select>
    </>
  );
}
