/** Approve the response, or improve it: a rewrite with a word diff against the original and a preview. */
import { useState } from 'react';
import { Diff } from '@/components/Diff';
import { Markdown } from '@/components/Markdown';
import type { Problem } from './build-review';
import type { Draft } from './draft';
import { problemFor, TextArea } from './fields';

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
      {view === 'diff' && <Diff before={original} after={draft.rewrite} label="Changes against the original" />}
      {view === 'preview' && <Markdown text={draft.rewrite} label="Preview of your rewrite" />}
    </section>
  );
}
