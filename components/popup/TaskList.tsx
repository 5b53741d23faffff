import { browser } from 'wxt/browser';
import { SPECIALTY_LABEL } from '@/components/labels';
import { sendToBackground } from '@/utils/messages/send';
import type { AssignedTask } from '@/utils/schema/task';

const KIND_LABEL: Record<AssignedTask['task']['kind'], string> = {
  review_response: 'Review',
  correct_chain_of_thought: 'Chain of thought',
  rank_responses: 'Ranking',
  rubric_grade: 'Rubric',
  write_prompt: 'Write a prompt',
};

function dueText(dueAt: string | undefined): string {
  if (!dueAt) return 'no due date';
  return `due ${new Date(dueAt).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}`;
}

export function TaskList({ tasks, error }: { tasks: AssignedTask[]; error?: string }) {
  return (
    <section aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Assigned tasks ({tasks.length})</h2>
      {error && (
        <p className="error" role="alert">
          Could not refresh tasks: {error}
        </p>
      )}
      {tasks.length === 0 && !error && <p className="muted">No tasks are assigned to you.</p>}
      <ul className="plain" aria-label="Assigned tasks">
        {tasks.map(({ task, status, dueAt, returnComment }) => (
          <li key={task.id}>
            <div className="row">
              <strong>{task.title}</strong>
              <span className="spacer" />
              <button
                type="button"
                aria-label={`Open: ${task.title}`}
                onClick={async () => {
                  await sendToBackground({ type: 'task.open', taskId: task.id });
                  if (!(await browser.tabs.getCurrent())) window.close();
                }}
              >
                Open
              </button>
            </div>
            <div className="row muted">
              <span>{SPECIALTY_LABEL[task.specialty]}</span>·<span>{KIND_LABEL[task.kind]}</span>·
              <span>{dueText(dueAt)}</span>·<span>~{task.estimatedMinutes} min</span>
              <span className="spacer" />
              <span className={`pill ${status}`}>{status}</span>
            </div>
            {returnComment && <p className="error">Returned by your lead: {returnComment}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
