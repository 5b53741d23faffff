import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { SPECIALTY_LABEL } from '@/components/labels';
import type { TaskLine } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';

function kindLabel(kind: TaskLine['kind']): string {
  switch (kind) {
    case 'review_response':
      return i18n.t('popup.taskList.kind.reviewResponse');
    case 'correct_chain_of_thought':
      return i18n.t('popup.taskList.kind.correctChainOfThought');
    case 'rank_responses':
      return i18n.t('popup.taskList.kind.rankResponses');
    case 'rubric_grade':
      return i18n.t('popup.taskList.kind.rubricGrade');
    case 'write_prompt':
      return i18n.t('popup.taskList.kind.writePrompt');
  }
}

function statusLabel(status: TaskLine['status']): string {
  switch (status) {
    case 'reserved':
      return i18n.t('popup.taskList.status.reserved');
    case 'assigned':
      return i18n.t('popup.taskList.status.assigned');
    case 'submitted':
      return i18n.t('popup.taskList.status.submitted');
    case 'returned':
      return i18n.t('popup.taskList.status.returned');
  }
}

/** Made once: a formatter per call costs more than the rest of a row. */
const DUE_DATE = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function dueText(dueAt: string | undefined): string {
  if (!dueAt) return i18n.t('popup.taskList.noDue');
  return i18n.t('popup.taskList.due', { date: DUE_DATE.format(new Date(dueAt)) });
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
      <h2 id="tasks-heading">{i18n.t('popup.taskList.heading', { count: tasks.length })}</h2>
      {error && (
        <p className="error" role="alert">
          {i18n.t('popup.taskList.error', { error })}
        </p>
      )}
      {tasks.length === 0 && !error && <p className="muted">{i18n.t('popup.taskList.empty')}</p>}
      <div ref={scroller} className="task-scroller">
        <ul
          className="plain"
          aria-label={i18n.t('popup.taskList.list')}
          style={{ height: rows.getTotalSize(), position: 'relative' }}
        >
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
                    aria-label={i18n.t('popup.taskList.openTask', { title: task.title })}
                    onClick={async () => {
                      await sendToBackground({ type: 'task.open', taskId: task.id });
                      if (!(await browser.tabs.getCurrent())) window.close();
                    }}
                  >
                    {i18n.t('popup.taskList.open')}
                  </button>
                </div>
                <div className="row muted">
                  <span>{SPECIALTY_LABEL[task.specialty]}</span>·<span>{kindLabel(task.kind)}</span>·
                  <span>{dueText(dueAt)}</span>·
                  <span>{i18n.t('popup.taskList.minutes', { minutes: task.estimatedMinutes })}</span>
                  <span className="spacer" />
                  {rerating && (
                    <span className="pill" title={i18n.t('popup.taskList.reratingHint')}>
                      {i18n.t('popup.taskList.rerating')}
                    </span>
                  )}
                  <span className={`pill ${status}`}>{statusLabel(status)}</span>
                </div>
                {returnComment && (
                  <p className="error">{i18n.t('popup.taskList.returned', { comment: returnComment })}</p>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
