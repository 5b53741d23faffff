/**
 * Passage comments shown over the text they are about: the text cut at every
 * passage boundary with the commented pieces marked, and one passage as a
 * list item (its kind, quote, comment and correction). Shared by the review
 * panel (the reviewer's own) and the audit views (an expert's, for a lead).
 */

import type { ReactNode, Ref } from 'react';
import { i18n } from '#i18n';
import { PASSAGE_CATEGORY_LABEL } from '@/components/labels';
import { aroundSlot, SLOT } from '@/components/sentence';
import { anchorPassage } from '@/utils/anchoring/text-quote';
import type { PassageComment } from '@/utils/schema/passage';

export interface Mark {
  start: number;
  end: number;
  category: PassageComment['category'];
}

/** Where each passage is in `text` now (found again by its quote), and those no longer found. */
export function placePassages(
  text: string,
  passages: readonly PassageComment[],
): { marks: Mark[]; orphans: PassageComment[] } {
  const marks: Mark[] = [];
  const orphans: PassageComment[] = [];
  for (const passage of passages) {
    const anchor = anchorPassage(text, passage);
    if (anchor) marks.push({ start: anchor.start, end: anchor.end, category: passage.category });
    else orphans.push(passage);
  }
  return { marks, orphans };
}

/** The text cut at every mark boundary, each piece with the kinds of the marks it is in. */
function pieces(text: string, marks: readonly Mark[]): { start: number; text: string; kinds: string[] }[] {
  const cuts = new Set([0, text.length]);
  for (const m of marks) cuts.add(m.start).add(m.end);
  const at = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  return at.slice(1).map((end, i) => {
    const start = at[i] ?? 0;
    const kinds = marks.filter((m) => m.start <= start && end <= m.end).map((m) => PASSAGE_CATEGORY_LABEL[m.category]);
    return { start, text: text.slice(start, end), kinds };
  });
}

export function MarkedText({
  text,
  marks,
  label,
  sourceRef,
}: {
  text: string;
  marks: readonly Mark[];
  label: string;
  sourceRef?: Ref<HTMLDivElement>;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is focusable so the keyboard can scroll it
    <div className="text passage-source" ref={sourceRef} role="document" aria-label={label} tabIndex={0}>
      {pieces(text, marks).map((piece) =>
        piece.kinds.length ? (
          <mark key={piece.start} title={piece.kinds.join(', ')}>
            {piece.text}
          </mark>
        ) : (
          <span key={piece.start}>{piece.text}</span>
        ),
      )}
    </div>
  );
}

export function PassageItem({ passage, children }: { passage: PassageComment; children?: ReactNode }) {
  const [before, after] = aroundSlot(i18n.t('review.passages.instead', { correction: SLOT }));
  return (
    <li className="passage">
      <span className={`pill ${passage.category}`}>{PASSAGE_CATEGORY_LABEL[passage.category]}</span>{' '}
      <q>{passage.quote.exact}</q>
      {passage.comment && <p>{passage.comment}</p>}
      {passage.correction && (
        <p>
          {before && <span className="muted">{before}</span>}
          {passage.correction}
          {after && <span className="muted">{after}</span>}
        </p>
      )}
      {children}
    </li>
  );
}
