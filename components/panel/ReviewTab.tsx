/** Approve the response, or improve it: a rewrite with a word diff against the original and a preview. */
import { diffWords } from 'diff';
import { useState } from 'react';
import { Markdown } from '@/components/Markdown';
import type { Problem } from './build-review';
import type { Draft } from './draft';
import { problemFor, TextArea } from './fields';

function Diff({ before, after }: { before: string; after: string }) {
  return (
    <div className="card text diff" role="document" aria-label="Changes against the original">
      {diffWords(before, after).map((part, i) => {
        const key = `${i}:${part.value.length}`;
        if (part.added) return <ins key={key}>{part.value}</ins>;
        if (part.removed) return <del key={key}>{part.value}</del>;
        return <span key={key}>{part.value}</span>;
      })}
    </div>
  );
}

export function ReviewTab({
  original,
  draft,
  update,
  problems,
}: {
  original: string;
  draft: Draft['review'];
  update(next: Draft['review']): void;
  problems: Problem[];
}) {
  const [view, setView] = useState<'edit' | 'diff' | 'preview'>('edit');
  return (
    <section aria-label="Approve or improve">
      <details className="card">
        <summary>Original response</summary>
        <div className="text">{original}</div>
      </details>
      <fieldset className="row toggle">
        <legend className="sr-only">Rewrite view</legend>
        {(['edit', 'diff', 'preview'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {v === 'edit' ? 'Edit' : v === 'diff' ? 'Changes' : 'Preview'}
          </button>
        ))}
      </fieldset>
      {view === 'edit' && (
        <TextArea
          id="rewrite"
          label="Your rewrite"
          rows={14}
          value={draft.rewrite}
          onChange={(rewrite) => update({ rewrite })}
          problem={problemFor(problems, 'rewrite')}
        />
      )}
      {view === 'diff' && <Diff before={original} after={draft.rewrite} />}
      {view === 'preview' && <Markdown text={draft.rewrite} label="Preview of your rewrite" />}
    </section>
  );
}
