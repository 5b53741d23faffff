/** Two responses to one prompt: which is better, and by how much; or a tie; or both bad. */

import type { Capture } from '@/utils/schema/capture';
import { PREFERENCES } from '@/utils/schema/review';
import type { Problem } from './build-review';
import type { Draft } from './draft';
import { FieldProblem, problemFor } from './fields';

const LABEL: Record<(typeof PREFERENCES)[number], string> = {
  a_much_better: 'A is much better',
  a_better: 'A is better',
  a_slightly_better: 'A is slightly better',
  tie: 'Tie: equally good',
  b_slightly_better: 'B is slightly better',
  b_better: 'B is better',
  b_much_better: 'B is much better',
  both_bad: 'Both are bad',
};

export function PairwiseTab({
  capture,
  turns,
  draft,
  update,
  problems,
}: {
  capture: Capture;
  turns: number[];
  draft: Draft['pairwise'];
  update(next: Draft['pairwise']): void;
  problems: Problem[];
}) {
  const problem = problemFor(problems, 'preference');
  return (
    <section aria-label="Compare the two responses">
      {turns.slice(0, 2).map((turn, i) => (
        <section key={turn} className="card response" aria-label={`Response ${i === 0 ? 'A' : 'B'}`}>
          <div className="row">
            <strong>Response {i === 0 ? 'A' : 'B'}</strong>
            {capture.turns[turn]?.model && <span className="muted">{capture.turns[turn]?.model}</span>}
          </div>
          <div className="text response-text">{capture.turns[turn]?.text}</div>
        </section>
      ))}
      <fieldset className="scale" aria-describedby={problem ? 'preference-problem' : undefined}>
        <legend>Which is better?</legend>
        {PREFERENCES.map((p) => (
          <label key={p} className="choice">
            <input
              type="radio"
              name="preference"
              checked={draft.preference === p}
              onChange={() => update({ preference: p })}
            />
            {LABEL[p]}
          </label>
        ))}
      </fieldset>
      <FieldProblem id="preference-problem" message={problem} />
    </section>
  );
}
