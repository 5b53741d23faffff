/** The words for a difficulty (1 to 3). */
function difficultyLabel(difficulty: number): string {
  switch (difficulty) {
    case 1:
      return i18n.t('review.prompt.difficultyRoutine');
    case 2:
      return i18n.t('review.prompt.difficultyGuideline');
    default:
      return i18n.t('review.prompt.difficultySubtle');
  }
}

import { useState } from 'react';
/** Writing a clinical prompt for a model, with its reference answer and key points. */
import { i18n } from '#i18n';
import { SPECIALTY_LABEL } from '@/components/labels';
import { Markdown } from '@/components/Markdown';
import { Specialty } from '@/utils/schema/clinical';
import type { Problem } from './build-review';
import type { Draft } from './draft';
import { FieldProblem, problemFor, TextArea } from './fields';

type PromptDraft = Draft['prompt'];

/** A text with Edit and Preview views. */
function Written({
  id,
  label,
  previewLabel,
  value,
  onChange,
  problem,
}: {
  id: string;
  label: string;
  /** The name of the preview, for a screen reader. */
  previewLabel: string;
  value: string;
  onChange(value: string): void;
  problem: string | undefined;
}) {
  const [preview, setPreview] = useState(false);
  return (
    <div className="written">
      <div className="row">
        <span className="spacer" />
        <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
          {i18n.t('review.prompt.edit')}
        </button>
        <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
          {i18n.t('review.prompt.preview')}
        </button>
      </div>
      {preview ? (
        <>
          <p className="label">{label}</p>
          <Markdown text={value} label={previewLabel} />
        </>
      ) : (
        <TextArea id={id} label={label} rows={8} value={value} onChange={onChange} problem={problem} />
      )}
    </div>
  );
}

export function PromptTab({
  instructions,
  requirements,
  draft,
  update,
  problems,
}: {
  instructions: string;
  requirements: string[];
  draft: PromptDraft;
  update(next: PromptDraft): void;
  problems: Problem[];
}) {
  const set = (change: Partial<PromptDraft>) => update({ ...draft, ...change });
  return (
    <section aria-label={i18n.t('review.prompt.section')}>
      <details className="card" open>
        <summary>{i18n.t('review.prompt.instructions')}</summary>
        <div className="text">{instructions}</div>
        {requirements.length > 0 && (
          <ul>
            {requirements.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </details>
      <p className="muted">{i18n.t('review.prompt.synthetic')}</p>
      <Written
        id="prompt"
        label={i18n.t('review.prompt.prompt')}
        previewLabel={i18n.t('review.prompt.previewPrompt')}
        value={draft.prompt}
        onChange={(prompt) => set({ prompt })}
        problem={problemFor(problems, 'prompt')}
      />
      <Written
        id="referenceAnswer"
        label={i18n.t('review.prompt.referenceAnswer')}
        previewLabel={i18n.t('review.prompt.previewReferenceAnswer')}
        value={draft.referenceAnswer}
        onChange={(referenceAnswer) => set({ referenceAnswer })}
        problem={problemFor(problems, 'referenceAnswer')}
      />
      <fieldset>
        <legend>{i18n.t('review.prompt.keyPoints')}</legend>
        {draft.keyPoints.map((point, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: key points are positions in a list the reviewer edits
          <div key={i} className="row">
            <label className="sr-only" htmlFor={`keyPoints-${i}`}>
              {i18n.t('review.prompt.keyPoint', { number: i + 1 })}
            </label>
            <input
              id={`keyPoints-${i}`}
              className="grow"
              value={point}
              onChange={(e) => set({ keyPoints: draft.keyPoints.map((k, j) => (j === i ? e.target.value : k)) })}
            />
            <button
              type="button"
              aria-label={i18n.t('review.prompt.removeKeyPoint', { number: i + 1 })}
              onClick={() => set({ keyPoints: draft.keyPoints.filter((_, j) => j !== i) })}
            >
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set({ keyPoints: [...draft.keyPoints, ''] })}>
          {i18n.t('review.prompt.addKeyPoint')}
        </button>
      </fieldset>
      <FieldProblem id="keyPoints-problem" message={problemFor(problems, 'keyPoints')} />
      <label htmlFor="prompt-specialty">{i18n.t('review.prompt.specialty')}</label>
      <select
        id="prompt-specialty"
        value={draft.specialty ?? ''}
        aria-invalid={problemFor(problems, 'specialty') ? true : undefined}
        onChange={(e) =>
          set(e.target.value ? { specialty: Specialty.parse(e.target.value) } : { specialty: undefined })
        }
      >
        <option value="">{i18n.t('review.prompt.choose')}</option>
        {Specialty.options.map((s) => (
          <option key={s} value={s}>
            {SPECIALTY_LABEL[s]}
          </option>
        ))}
      </select>
      <FieldProblem id="specialty-problem" message={problemFor(problems, 'specialty')} />
      <fieldset className="row">
        <legend>{i18n.t('review.prompt.difficulty')}</legend>
        {[1, 2, 3].map((d) => (
          <label key={d} className="inline">
            <input
              type="radio"
              name="difficulty"
              checked={draft.difficulty === d}
              onChange={() => set({ difficulty: d })}
            />
            {difficultyLabel(d)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
