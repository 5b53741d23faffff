/** Two responses to one prompt: which is better, and by how much; or a tie; or both bad. */

import { i18n } from '#i18n';
import type { Capture } from '@/utils/schema/capture';
import { PREFERENCES } from '@/utils/schema/review';
import type { Problem } from './build-review';
import type { Draft } from './draft';
import { FieldProblem, problemFor } from './fields';

const LABEL: Record<(typeof PREFERENCES)[number], () => string> = {
  a_much_better: () => i18n.t('panel.pairwise.aMuchBetter'),
  a_better: () => i18n.t('panel.pairwise.aBetter'),
  a_slightly_better: () => i18n.t('panel.pairwise.aSlightlyBetter'),
  tie: () => i18n.t('panel.pairwise.tie'),
  b_slightly_better: () => i18n.t('panel.pairwise.bSlightlyBetter'),
  b_better: () => i18n.t('panel.pairwise.bBetter'),
  b_much_better: () => i18n.t('panel.pairwise.bMuchBetter'),
  both_bad: () => i18n.t('panel.pairwise.bothBad'),
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
    <section aria-label={i18n.t('panel.pairwise.label')}>
      {turns.slice(0, 2).map((turn, i) => {
        const name = i === 0 ? i18n.t('panel.pairwise.responseA') : i18n.t('panel.pairwise.responseB');
        return (
          <section key={turn} className="card response" aria-label={name}>
            <div className="row">
              <strong>{name}</strong>
              {capture.turns[turn]?.model && <span className="muted">{capture.turns[turn]?.model}</span>}
            </div>
            <div className="text response-text">{capture.turns[turn]?.text}</div>
          </section>
        );
      })}
      <fieldset className="scale" aria-describedby={problem ? 'preference-problem' : undefined}>
        <legend>{i18n.t('panel.pairwise.question')}</legend>
        {PREFERENCES.map((p) => (
          <label key={p} className="choice">
            <input
              type="radio"
              name="preference"
              checked={draft.preference === p}
              onChange={() => update({ preference: p })}
            />
            {LABEL[p]()}
          </label>
        ))}
      </fieldset>
      <FieldProblem id="preference-problem" message={problem} />
    </section>
  );
}
