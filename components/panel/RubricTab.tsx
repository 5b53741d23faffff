/** Grading a response against a rubric: tick the criteria it meets; the score follows. */
import { i18n } from '#i18n';
import { SLOT, withNodes } from '@/components/sentence';
import { axisScores, rubricScore } from '@/utils/review/rubric';
import type { RubricCriterion } from '@/utils/schema/clinical';
import type { Draft } from './draft';

const AXES = ['accuracy', 'completeness', 'communication_quality', 'context_awareness', 'instruction_following'];
const POINTS = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10];

/** The name of a rubric axis (a criterion's `axis:` tag): the known ones from the catalogue, others as written. */
function axisLabel(axis: string): string {
  switch (axis) {
    case 'accuracy':
      return i18n.t('review.rubric.axes.accuracy');
    case 'completeness':
      return i18n.t('review.rubric.axes.completeness');
    case 'communication_quality':
      return i18n.t('review.rubric.axes.communicationQuality');
    case 'context_awareness':
      return i18n.t('review.rubric.axes.contextAwareness');
    case 'instruction_following':
      return i18n.t('review.rubric.axes.instructionFollowing');
    default:
      return axis.replaceAll('_', ' ');
  }
}

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function RubricTab({
  response,
  rubric,
  draft,
  update,
}: {
  response: string;
  rubric: RubricCriterion[];
  draft: Draft['rubric'];
  update(next: Draft['rubric']): void;
}) {
  const scored = rubric.map((c) => ({ ...c, met: draft.met[c.id] === true }));
  const total = rubricScore(scored);
  const setProposed = (i: number, change: Partial<Draft['rubric']['proposed'][number]>) =>
    update({ ...draft, proposed: draft.proposed.map((p, j) => (j === i ? { ...p, ...change } : p)) });
  return (
    <section aria-label={i18n.t('review.rubric.section')}>
      <details className="card" open>
        <summary>{i18n.t('review.rubric.response')}</summary>
        <div className="text response-text">{response}</div>
      </details>
      <p className="score" role="status">
        {withNodes(
          i18n.t('review.rubric.score', { met: total.met, possible: total.possible, percent: SLOT }),
          <strong>{percent(total.score)}</strong>,
        )}
        {total.raw !== total.score && (
          <span className="muted"> {i18n.t('review.rubric.unclipped', { raw: total.raw.toFixed(3) })}</span>
        )}
      </p>
      <fieldset>
        <legend>{i18n.t('review.rubric.criteriaMet')}</legend>
        <ul className="plain">
          {rubric.map((c) => (
            <li key={c.id}>
              <label className="criterion">
                <input
                  type="checkbox"
                  checked={draft.met[c.id] === true}
                  onChange={(e) => update({ ...draft, met: { ...draft.met, [c.id]: e.target.checked } })}
                />
                <span className={`points ${c.points < 0 ? 'negative' : ''}`}>
                  {c.points > 0 ? `+${c.points}` : c.points}
                </span>
                <span>{c.criterion}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <table className="axes">
        <caption>{i18n.t('review.rubric.byAxis')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('review.rubric.axis')}</th>
            <th scope="col">{i18n.t('review.rubric.points')}</th>
            <th scope="col">{i18n.t('review.rubric.scoreColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {axisScores(scored).map(({ axis, score }) => (
            <tr key={axis}>
              <th scope="row">{axisLabel(axis)}</th>
              <td>
                {score.met} / {score.possible}
              </td>
              <td>{percent(score.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{i18n.t('review.rubric.propose')}</h2>
      {draft.proposed.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: proposals are positions in a list the reviewer edits
        <div key={i} className="card">
          <label htmlFor={`proposed-${i}`}>{i18n.t('review.rubric.criterion')}</label>
          <input
            id={`proposed-${i}`}
            value={p.criterion}
            onChange={(e) => setProposed(i, { criterion: e.target.value })}
          />
          <div className="row">
            <label className="inline" htmlFor={`proposed-${i}-points`}>
              {i18n.t('review.rubric.points')}
            </label>
            <select
              id={`proposed-${i}-points`}
              value={p.points}
              onChange={(e) => setProposed(i, { points: Number(e.target.value) })}
            >
              {POINTS.map((n) => (
                <option key={n} value={n}>
                  {n > 0 ? `+${n}` : n}
                </option>
              ))}
            </select>
            <label className="inline" htmlFor={`proposed-${i}-axis`}>
              {i18n.t('review.rubric.axis')}
            </label>
            <select id={`proposed-${i}-axis`} value={p.axis} onChange={(e) => setProposed(i, { axis: e.target.value })}>
              {AXES.map((a) => (
                <option key={a} value={a}>
                  {axisLabel(a)}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => update({ ...draft, proposed: draft.proposed.filter((_, j) => j !== i) })}
            >
              {i18n.t('review.rubric.remove')}
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          update({ ...draft, proposed: [...draft.proposed, { criterion: '', points: 5, axis: 'accuracy' }] })
        }
      >
        {i18n.t('review.rubric.addCriterion')}
      </button>
    </section>
  );
}
