import { type FormEvent, useState } from 'react';
import { useActiveTime } from '@/components/useActiveTime';
import type { Capture } from '@/utils/schema/capture';
import type { AssignedTask } from '@/utils/schema/task';
import { PromptOf, TaskChoice } from './Context';
import type { SubmitReview } from './types';

export function ImproveForm({
  capture,
  turn,
  tasks,
  onSubmit,
}: {
  capture: Capture;
  turn: number;
  tasks: AssignedTask[];
  onSubmit: SubmitReview;
}) {
  const original = capture.turns[turn]?.text ?? '';
  const [rewrite, setRewrite] = useState(original);
  const [comment, setComment] = useState('');
  const [taskId, setTaskId] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const activeMs = useActiveTime();

  async function send(kind: 'approve' | 'improve') {
    setBusy(true);
    setProblem(undefined);
    try {
      const common = { turn, comment, activeMs: activeMs() };
      await onSubmit(kind === 'improve' ? { kind, rewrite, ...common } : { kind, ...common }, taskId);
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function submitImprove(event: FormEvent) {
    event.preventDefault();
    if (rewrite.trim() === original.trim()) {
      setProblem('Edit the response to improve it, or approve it as it is.');
      return;
    }
    void send('improve');
  }

  return (
    <form onSubmit={submitImprove} aria-label="Improve the response">
      <PromptOf capture={capture} turn={turn} />
      <details className="card">
        <summary>Original response</summary>
        <div className="text">{original}</div>
      </details>
      <label htmlFor="rewrite">Your rewrite</label>
      <textarea id="rewrite" rows={14} value={rewrite} onChange={(e) => setRewrite(e.target.value)} />
      <label htmlFor="comment">Comment</label>
      <textarea
        id="comment"
        rows={3}
        placeholder="What was wrong, and why your version is better"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <TaskChoice tasks={tasks} value={taskId} onChange={setTaskId} />
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row actions">
        <button className="primary" type="submit" disabled={busy}>
          Submit improvement
        </button>
        <button type="button" disabled={busy} onClick={() => void send('approve')}>
          Approve as is
        </button>
      </div>
    </form>
  );
}
