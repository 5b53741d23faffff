import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { browser } from 'wxt/browser';
import { SPECIALTY_LABEL } from '@/components/labels';
import type { TaskLine } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';

const KIND_LABEL: Record<TaskLine['kind'], string> = {
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

/** A row's height before it is measured (title on one line). */
const ROW_ESTIMATE_PX = 64;

/**
 * The assigned tasks, virtualised: an expert may hold a thousand, and the
 * popup re-renders every second; only the rows in view (and a screenful
 * around them) are in the DOM, each telling assistive technology its place.
 */
export function TaskList({ tasks, error }: { tasks: TaskLine[]; error?: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: 12,
    getItemKey: (i) => tasks[i]?.id ?? i,
  });
  return (
    <section aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Assigned tasks ({tasks.length})</h2>
      {error && (
        <p className="error" role="alert">
          Could not refresh tasks: {error}
        </p>
      )}
      {tasks.length === 0 && !error && <p className="muted">No tasks are assigned to you.</p>}
      <div ref={scroller} className="task-scroller">
        <ul className="plain" aria-label="Assigned tasks" style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((row) => {
            const task = tasks[row.index];
            if (!task) return null;
            const { status, dueAt, returnComment, rerating } = task;
            return (
              <li
                key={row.key}
                data-index={row.index}
                ref={rows.measureElement}
                aria-setsize={tasks.length}
                aria-posinset={row.index + 1}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  transform: `translateY(${row.start}px)`,
                }}
              >
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
                  {rerating && (
                    <span className="pill" title="You rated this task before; rate it afresh, as if for the first time">
                      re-rating
                    </span>
                  )}
                  <span className={`pill ${status}`}>{status}</span>
                </div>
                {returnComment && <p className="error">Returned by your lead: {returnComment}</p>}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
