/**
 * Chain-of-thought correction, PRM800K-style: each step rated +1 (correct and
 * useful), 0 (not wrong, no progress, or ambiguous) or −1 (wrong), kept as it
 * is or improved. Labelling may stop at the first wrong step. Steps can be
 * merged and split by hand, and those edits undone.
 *
 * Keyboard, on a focused step: 1, 0, − rate it; i improves it; a keeps it;
 * ↑/↓ move between steps.
 */

import { type KeyboardEvent, useRef, useState } from 'react';
import { i18n } from '#i18n';
import { mergeSteps, splitStep } from '@/utils/review/steps';
import { FINISH_REASONS, type StepRating } from '@/utils/schema/review';
import type { Problem } from './build-review';
import type { Draft, StepDraft } from './draft';
import { FieldProblem, problemFor, TextArea } from './fields';

const RATINGS: { value: StepRating; label: string; key: string; title(): string }[] = [
  { value: 1, label: '+1', key: '1', title: () => i18n.t('panel.steps.ratings.good') },
  { value: 0, label: '0', key: '0', title: () => i18n.t('panel.steps.ratings.neutral') },
  { value: -1, label: '−1', key: '-', title: () => i18n.t('panel.steps.ratings.wrong') },
];

const FINISH_LABEL: Record<(typeof FINISH_REASONS)[number], () => string> = {
  solution_reached: () => i18n.t('panel.steps.finishReasons.solutionReached'),
  found_error: () => i18n.t('panel.steps.finishReasons.foundError'),
  bad_problem: () => i18n.t('panel.steps.finishReasons.badProblem'),
  gave_up: () => i18n.t('panel.steps.finishReasons.gaveUp'),
};

type Steps = Draft['steps'];

export function StepsTab({
  draft,
  update,
  problems,
  source,
}: {
  draft: Steps;
  update(next: Steps): void;
  problems: Problem[];
  /** Where the steps were split from: the response's reasoning, or the response itself. */
  source: 'reasoning' | 'answer';
}) {
  const [history, setHistory] = useState<StepDraft[][]>([]);
  const [stopAtFirstError, setStopAtFirstError] = useState(true);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const cursor = useRef<Record<number, number>>({});
  const { steps } = draft;
  const firstError = steps.findIndex((s) => s.rating === -1);
  /** Steps after the first error are not rated when labelling stops there. */
  const stopped = (i: number) => stopAtFirstError && firstError >= 0 && i > firstError;

  const setSteps = (next: StepDraft[]) => update({ ...draft, steps: next });
  const setStep = (i: number, change: Partial<StepDraft>) =>
    setSteps(steps.map((s, j) => (j === i ? dropUndefined({ ...s, ...change }) : s)));
  const rate = (i: number, rating: StepRating) => {
    const next = steps.map((s, j) => (j === i ? { ...s, rating } : s));
    // Stopping at an error leaves what follows unrated (PRM800K).
    const error = next.findIndex((s) => s.rating === -1);
    setSteps(stopAtFirstError && error >= 0 ? next.map((s, j) => (j > error ? { text: s.text } : s)) : next);
  };
  const restructure = (next: string[]) => {
    setHistory([...history, steps]);
    // Merging or splitting changes what was rated: ratings start again.
    setSteps(next.map((text) => ({ text })));
  };
  const undo = () => {
    const previous = history.at(-1);
    if (!previous) return;
    setHistory(history.slice(0, -1));
    setSteps(previous);
  };

  function onKey(event: KeyboardEvent<HTMLLIElement>, i: number) {
    if (event.target !== event.currentTarget) return; // typing in a field of the step
    const rating = RATINGS.find((r) => r.key === event.key || (r.value === -1 && event.key === '−'));
    if (rating && !stopped(i)) rate(i, rating.value);
    else if (event.key === 'i' && !stopped(i)) setStep(i, { rewrite: steps[i]?.rewrite ?? steps[i]?.text ?? '' });
    else if (event.key === 'a') setStep(i, { rewrite: undefined });
    else if (event.key === 'ArrowDown') rows.current[i + 1]?.focus();
    else if (event.key === 'ArrowUp') rows.current[i - 1]?.focus();
    else return;
    event.preventDefault();
  }

  return (
    <section aria-label={i18n.t('panel.tabs.steps')}>
      <p className="muted">
        {source === 'reasoning'
          ? i18n.t('panel.steps.fromReasoning', steps.length)
          : i18n.t('panel.steps.fromResponse', steps.length)}{' '}
        {i18n.t('panel.steps.howTo')}
      </p>
      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={stopAtFirstError} onChange={(e) => setStopAtFirstError(e.target.checked)} />{' '}
          {i18n.t('panel.steps.stopAtFirstError')}
        </label>
        <span className="spacer" />
        <button type="button" onClick={undo} disabled={history.length === 0}>
          {i18n.t('panel.steps.undo')}
        </button>
      </div>
      <FieldProblem id="steps-problem" message={problemFor(problems, 'steps')} />
      <ol className="steps">
        {steps.map((step, i) => {
          const off = stopped(i);
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are positions; their text changes as they are edited
              key={i}
              ref={(el) => {
                rows.current[i] = el;
              }}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a step is a focus stop for its rating keys
              tabIndex={0}
              className={`card step${off ? ' stopped' : ''}${step.rating === -1 ? ' wrong' : ''}`}
              aria-label={
                step.rating === undefined
                  ? i18n.t('panel.steps.step', { n: i + 1 })
                  : i18n.t('panel.steps.stepRated', { n: i + 1, rating: step.rating > 0 ? '+1' : step.rating })
              }
              onKeyDown={(e) => onKey(e, i)}
            >
              <div className="row">
                <strong>{i18n.t('panel.steps.step', { n: i + 1 })}</strong>
                <span className="spacer" />
                <fieldset className="ratings" disabled={off}>
                  <legend className="sr-only">{i18n.t('panel.steps.ratingOf', { n: i + 1 })}</legend>
                  {RATINGS.map((r) => (
                    <label key={r.value} className="rating" title={r.title()}>
                      <input
                        type="radio"
                        name={`rating-${i}`}
                        checked={step.rating === r.value}
                        onChange={() => rate(i, r.value)}
                      />
                      {r.label}
                    </label>
                  ))}
                </fieldset>
              </div>
              <textarea
                className="step-text"
                readOnly
                aria-label={i18n.t('panel.steps.text', { n: i + 1 })}
                value={step.text}
                rows={Math.min(8, Math.max(2, Math.ceil(step.text.length / 60)))}
                onSelect={(e) => {
                  cursor.current[i] = e.currentTarget.selectionStart;
                }}
              />
              <div className="row">
                {step.rewrite === undefined ? (
                  <button type="button" disabled={off} onClick={() => setStep(i, { rewrite: step.text })}>
                    {i18n.t('panel.steps.improve', { n: i + 1 })}
                  </button>
                ) : (
                  <button type="button" onClick={() => setStep(i, { rewrite: undefined })}>
                    {i18n.t('panel.steps.keep', { n: i + 1 })}
                  </button>
                )}
                <span className="spacer" />
                <button
                  type="button"
                  disabled={i === steps.length - 1}
                  onClick={() =>
                    restructure(
                      mergeSteps(
                        steps.map((s) => s.text),
                        i,
                      ),
                    )
                  }
                >
                  {i18n.t('panel.steps.merge')}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    restructure(
                      splitStep(
                        steps.map((s) => s.text),
                        i,
                        cursor.current[i] ?? 0,
                      ),
                    )
                  }
                >
                  {i18n.t('panel.steps.split')}
                </button>
              </div>
              {step.rewrite !== undefined && (
                <TextArea
                  id={`step-${i}-rewrite`}
                  label={i18n.t('panel.steps.corrected', { n: i + 1 })}
                  value={step.rewrite}
                  onChange={(rewrite) => setStep(i, { rewrite })}
                  problem={problemFor(problems, `steps.${i}`)}
                />
              )}
            </li>
          );
        })}
      </ol>
      {firstError >= 0 && (
        <TextArea
          id="continuation"
          label={i18n.t('panel.steps.continuation')}
          hint={i18n.t('panel.steps.continuationHint')}
          value={draft.continuation}
          onChange={(continuation) => update({ ...draft, continuation })}
        />
      )}
      <fieldset aria-describedby={problemFor(problems, 'finish') ? 'finish-problem' : undefined}>
        <legend>{i18n.t('panel.steps.finish')}</legend>
        {FINISH_REASONS.map((reason) => (
          <label key={reason} className="choice">
            <input
              type="radio"
              name="finish"
              checked={draft.finish === reason}
              onChange={() => update({ ...draft, finish: reason })}
            />
            {FINISH_LABEL[reason]()}
          </label>
        ))}
      </fieldset>
      <FieldProblem id="finish-problem" message={problemFor(problems, 'finish')} />
    </section>
  );
}

function dropUndefined(step: StepDraft): StepDraft {
  return Object.fromEntries(Object.entries(step).filter(([, v]) => v !== undefined)) as unknown as StepDraft;
}
