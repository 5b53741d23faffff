/**
 * Passage comments: the reviewer selects text of the response and says what
 * is wrong (or right) with it, with a corrected wording if they have one.
 * The response is shown as its captured text, so a selection's offsets are
 * offsets in the text the server checks the quote against.
 */
import { useRef, useState } from 'react';
import { PASSAGE_CATEGORY_LABEL } from '@/components/labels';
import { MarkedText, PassageItem, placePassages } from '@/components/PassageMarks';
import { offsetsOfRange } from '@/utils/anchoring/dom-range';
import { describePassage } from '@/utils/anchoring/text-quote';
import { PassageCategory, PassageComment } from '@/utils/schema/passage';
import { FieldProblem, TextArea } from './fields';

/** A passage being written: described, not yet valid. */
export type PassageDraft = Omit<PassageComment, 'correction'> & { correction: string };

/** The passage as it would be sent, or the first reason it cannot be. */
function passageOf(draft: PassageDraft): { ok: true; passage: PassageComment } | { ok: false; message: string } {
  const { correction, ...rest } = draft;
  const parsed = PassageComment.safeParse({
    ...rest,
    comment: rest.comment.trim(),
    ...(correction.trim() && rest.category !== 'well_done' ? { correction: correction.trim() } : {}),
  });
  return parsed.success
    ? { ok: true, passage: parsed.data }
    : { ok: false, message: parsed.error.issues[0]?.message ?? 'Not a valid comment' };
}

function PassageEditor({
  draft,
  onChange,
  onAdd,
  onCancel,
}: {
  draft: PassageDraft;
  onChange(next: PassageDraft): void;
  onAdd(passage: PassageComment): void;
  onCancel(): void;
}) {
  const [problem, setProblem] = useState<string>();
  const add = () => {
    const built = passageOf(draft);
    if (built.ok) onAdd(built.passage);
    else setProblem(built.message);
  };
  return (
    <fieldset className="card passage-editor">
      <legend>
        Comment on “{draft.quote.exact.length > 80 ? `${draft.quote.exact.slice(0, 80)}…` : draft.quote.exact}”
      </legend>
      <label htmlFor="passage-category">Kind of comment</label>
      <select
        id="passage-category"
        value={draft.category}
        onChange={(e) => onChange({ ...draft, category: PassageCategory.parse(e.target.value) })}
      >
        {PassageCategory.options.map((c) => (
          <option key={c} value={c}>
            {PASSAGE_CATEGORY_LABEL[c]}
          </option>
        ))}
      </select>
      <TextArea
        id="passage-comment"
        label="Comment on the passage"
        rows={2}
        value={draft.comment}
        onChange={(comment) => onChange({ ...draft, comment })}
      />
      {draft.category !== 'well_done' && (
        <TextArea
          id="passage-correction"
          label="Corrected wording (optional)"
          rows={2}
          value={draft.correction}
          onChange={(correction) => onChange({ ...draft, correction })}
        />
      )}
      <FieldProblem id="passage-problem" message={problem} />
      <div className="row">
        <button className="primary" type="button" onClick={add}>
          Add comment
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}

export function PassagesSection({
  text,
  turn,
  passages,
  update,
  editing,
  setEditing,
}: {
  /** The response's captured text. */
  text: string;
  turn: number;
  passages: PassageComment[];
  update(next: PassageComment[]): void;
  /** A passage being written (kept in the draft, so a selection made on the page survives a reload). */
  editing: PassageDraft | undefined;
  setEditing(next: PassageDraft | undefined): void;
}) {
  const source = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string>();
  const commentOnSelection = () => {
    const selection = document.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
    const offsets = range && source.current ? offsetsOfRange(source.current, range) : null;
    const described = offsets && describePassage(text, offsets.start, offsets.end);
    if (!described) {
      setProblem('Select the words of the response you want to comment on, then press the button.');
      return;
    }
    setProblem(undefined);
    setEditing({ turn, ...described, category: 'factual_error', comment: '', correction: '' });
  };
  return (
    <details className="card passages" open>
      <summary>Passage comments{passages.length ? ` (${passages.length})` : ''}</summary>
      <p className="muted hint">Select words of the response below, then comment on them.</p>
      <MarkedText text={text} marks={placePassages(text, passages).marks} label="Response text" sourceRef={source} />
      <div className="row">
        {/* Pressing the button must not clear the selection it reads. */}
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={commentOnSelection}>
          Comment on the selection
        </button>
      </div>
      <FieldProblem id="passage-selection-problem" message={problem} />
      {editing && (
        <PassageEditor
          draft={editing}
          onChange={setEditing}
          onAdd={(passage) => {
            update([...passages, passage]);
            setEditing(undefined);
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {passages.length > 0 && (
        <ol className="plain passage-list" aria-label="Your passage comments">
          {passages.map((p, i) => (
            <PassageItem key={`${p.start}:${p.end}:${p.category}:${p.comment}`} passage={p}>
              <button
                type="button"
                onClick={() => update(passages.filter((_, j) => j !== i))}
                aria-label={`Remove the comment on “${p.quote.exact.slice(0, 40)}”`}
              >
                Remove
              </button>
            </PassageItem>
          ))}
        </ol>
      )}
    </details>
  );
}
