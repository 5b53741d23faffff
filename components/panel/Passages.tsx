/**
 * Passage comments: the reviewer selects text of the response and says what
 * is wrong (or right) with it, with a corrected wording if they have one.
 * The response is shown as its captured text, so a selection's offsets are
 * offsets in the text the server checks the quote against.
 */

import { useRef, useState } from 'react';
import { i18n } from '#i18n';
import { PASSAGE_CATEGORY_LABEL } from '@/components/labels';
import { MarkedText, PassageItem, placePassages } from '@/components/PassageMarks';
import { offsetsOfRange } from '@/utils/anchoring/dom-range';
import { describePassage } from '@/utils/anchoring/text-quote';
import { PassageCategory, PassageComment } from '@/utils/schema/passage';
import { FieldProblem, TextArea } from './fields';

/** The one category that is praise: it takes no correction. */
const PRAISE: PassageCategory = 'well_done';

/** A passage being written: described, not yet valid. */
export type PassageDraft = Omit<PassageComment, 'correction'> & { correction: string };

/** Why a passage is refused: the words for the schema's checks the reviewer can meet, else its own message. */
function passageProblem(
  draft: PassageDraft,
  issue: { code: string; path: PropertyKey[]; message: string } | undefined,
): string {
  if (!issue) return i18n.t('review.passages.invalidComment');
  if (issue.code !== 'custom') return issue.message;
  switch (issue.path.join('.')) {
    case 'quote.exact':
      return i18n.t('review.passages.selectText');
    case 'comment':
      return i18n.t('review.passages.sayWhatIsWrong');
    case 'correction':
      // A passage marked well done is sent without its correction: this is the other check.
      return draft.category === PRAISE ? issue.message : i18n.t('review.passages.correctionIdentical');
    default:
      return issue.message;
  }
}

/** The passage as it would be sent, or the first reason it cannot be. */
function passageOf(draft: PassageDraft): { ok: true; passage: PassageComment } | { ok: false; message: string } {
  const { correction, ...rest } = draft;
  const praise = rest.category === PRAISE;
  const parsed = PassageComment.safeParse({
    ...rest,
    comment: rest.comment.trim(),
    ...(correction.trim() && !praise ? { correction: correction.trim() } : {}),
  });
  return parsed.success
    ? { ok: true, passage: parsed.data }
    : { ok: false, message: passageProblem(draft, parsed.error.issues[0]) };
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
        {i18n.t('review.passages.commentOn', {
          quote: draft.quote.exact.length > 80 ? `${draft.quote.exact.slice(0, 80)}…` : draft.quote.exact,
        })}
      </legend>
      <label htmlFor="passage-category">{i18n.t('review.passages.kind')}</label>
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
        label={i18n.t('review.passages.comment')}
        rows={2}
        value={draft.comment}
        onChange={(comment) => onChange({ ...draft, comment })}
      />
      {draft.category !== PRAISE && (
        <TextArea
          id="passage-correction"
          label={i18n.t('review.passages.correction')}
          rows={2}
          value={draft.correction}
          onChange={(correction) => onChange({ ...draft, correction })}
        />
      )}
      <FieldProblem id="passage-problem" message={problem} />
      <div className="row">
        <button className="primary" type="button" onClick={add}>
          {i18n.t('review.passages.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {i18n.t('review.passages.cancel')}
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
      setProblem(i18n.t('review.passages.selectFirst'));
      return;
    }
    setProblem(undefined);
    setEditing({ turn, ...described, category: 'factual_error', comment: '', correction: '' });
  };
  return (
    <details className="card passages" open>
      <summary>{i18n.t('review.passages.title', passages.length)}</summary>
      <p className="muted hint">{i18n.t('review.passages.hint')}</p>
      <MarkedText
        text={text}
        marks={placePassages(text, passages).marks}
        label={i18n.t('review.passages.responseText')}
        sourceRef={source}
      />
      <div className="row">
        {/* Pressing the button must not clear the selection it reads. */}
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={commentOnSelection}>
          {i18n.t('review.passages.commentOnSelection')}
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
        <ol className="plain passage-list" aria-label={i18n.t('review.passages.yours')}>
          {passages.map((p, i) => (
            <PassageItem key={`${p.start}:${p.end}:${p.category}:${p.comment}`} passage={p}>
              <button
                type="button"
                onClick={() => update(passages.filter((_, j) => j !== i))}
                aria-label={i18n.t('review.passages.removeComment', { quote: p.quote.exact.slice(0, 40) })}
              >
                {i18n.t('review.passages.remove')}
              </button>
            </PassageItem>
          ))}
        </ol>
      )}
    </details>
  );
}
