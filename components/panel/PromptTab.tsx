/** Writing a clinical prompt for a model, with its reference answer and key points. */
import { useState } from 'react';
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
  value,
  onChange,
  problem,
}: {
  id: string;
  label: string;
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
          Edit
        </button>
        <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
          Preview
        </button>
      </div>
      {preview ? (
        <>
          <p className="label">{label}</p>
          <Markdown text={value} label={`Preview of the ${label.toLowerCase()}`} />
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
    <section aria-label="Write a prompt">
      <details className="card" open>
        <summary>Instructions</summary>
        <div className="text">{instructions}</div>
        {requirements.length > 0 && (
          <ul>
            {requirements.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </details>
      <p className="muted">Cases must be synthetic: no names, dates, places or record numbers of real people.</p>
      <Written
        id="prompt"
        label="Prompt"
        value={draft.prompt}
        onChange={(prompt) => set({ prompt })}
        problem={problemFor(problems, 'prompt')}
      />
      <Written
        id="referenceAnswer"
        label="Reference answer"
        value={draft.referenceAnswer}
        onChange={(referenceAnswer) => set({ referenceAnswer })}
        problem={problemFor(problems, 'referenceAnswer')}
      />
      <fieldset>
        <legend>Key points a good answer makes</legend>
        {draft.keyPoints.map((point, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: key points are positions in a list the reviewer edits
          <div key={i} className="row">
            <label className="sr-only" htmlFor={`keyPoints-${i}`}>
              Key point {i + 1}
            </label>
            <input
              id={`keyPoints-${i}`}
              className="grow"
              value={point}
              onChange={(e) => set({ keyPoints: draft.keyPoints.map((k, j) => (j === i ? e.target.value : k)) })}
            />
            <button
              type="button"
              aria-label={`Remove key point ${i + 1}`}
              onClick={() => set({ keyPoints: draft.keyPoints.filter((_, j) => j !== i) })}
            >
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set({ keyPoints: [...draft.keyPoints, ''] })}>
          Add a key point
        </button>
      </fieldset>
      <FieldProblem id="keyPoints-problem" message={problemFor(problems, 'keyPoints')} />
      <label htmlFor="prompt-specialty">Specialty</label>
      <select
        id="prompt-specialty"
        value={draft.specialty ?? ''}
        aria-invalid={problemFor(problems, 'specialty') ? true : undefined}
        onChange={(e) =>
          set(e.target.value ? { specialty: Specialty.parse(e.target.value) } : { specialty: undefined })
        }
      >
        <option value="">Choose…</option>
        {Specialty.options.map((s) => (
          <option key={s} value={s}>
            {SPECIALTY_LABEL[s]}
          </option>
        ))}
      </select>
      <FieldProblem id="specialty-problem" message={problemFor(problems, 'specialty')} />
      <fieldset className="row">
        <legend>Difficulty</legend>
        {[1, 2, 3].map((d) => (
          <label key={d} className="inline">
            <input
              type="radio"
              name="difficulty"
              checked={draft.difficulty === d}
              onChange={() => set({ difficulty: d })}
            />
            {d === 1 ? 'Routine' : d === 2 ? 'Needs guideline detail' : 'Subtle or high-stakes'}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
