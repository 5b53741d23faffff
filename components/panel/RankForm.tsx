import { type FormEvent, useState } from 'react';
import { useActiveTime } from '@/components/useActiveTime';
import { denseRanks } from '@/utils/ranking';
import type { Capture } from '@/utils/schema/capture';
import type { AssignedTask } from '@/utils/schema/task';
import { PromptOf, TaskChoice } from './Context';
import type { SubmitReview } from './types';

export function RankForm({
  capture,
  turns,
  tasks,
  onSubmit,
}: {
  capture: Capture;
  turns: number[];
  tasks: AssignedTask[];
  onSubmit: SubmitReview;
}) {
  const [ranks, setRanks] = useState<(number | undefined)[]>(() => turns.map(() => undefined));
  const [comment, setComment] = useState('');
  const [taskId, setTaskId] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const activeMs = useActiveTime();
  const choices = turns.map((_, i) => i + 1);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = ranks.indexOf(undefined);
    if (missing >= 0) {
      setProblem(`Give response ${missing + 1} a rank.`);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const dense = denseRanks(ranks as number[]);
      await onSubmit(
        {
          kind: 'rank',
          ranking: turns.map((turn, i) => ({ turn, rank: dense[i] ?? 1 })),
          comment,
          activeMs: activeMs(),
        },
        taskId,
      );
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Rank the responses">
      <PromptOf capture={capture} turn={turns[0] ?? 0} />
      <p className="muted">1 is best. Give equal ranks to responses of equal quality.</p>
      {turns.map((turn, i) => {
        const t = capture.turns[turn];
        return (
          <section key={turn} className="card response" aria-label={`Response ${i + 1}`}>
            <div className="row">
              <strong>Response {i + 1}</strong>
              {t?.model && <span className="muted">{t.model}</span>}
              <span className="spacer" />
              <label htmlFor={`rank-${i}`} className="inline">
                Rank
              </label>
              <select
                id={`rank-${i}`}
                className="rank"
                value={ranks[i] ?? ''}
                onChange={(e) => {
                  const value = e.target.value ? Number(e.target.value) : undefined;
                  setRanks((old) => old.map((r, j) => (j === i ? value : r)));
                }}
              >
                <option value="">—</option>
                {choices.map((rank) => (
                  <option key={rank} value={rank}>
                    {rank}
                  </option>
                ))}
              </select>
            </div>
            <div className="text response-text">{t?.text}</div>
          </section>
        );
      })}
      <label htmlFor="comment">Why this order</label>
      <textarea id="comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      <TaskChoice tasks={tasks} value={taskId} onChange={setTaskId} />
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row actions">
        <button className="primary" type="submit" disabled={busy}>
          Submit ranking
        </button>
      </div>
    </form>
  );
}
