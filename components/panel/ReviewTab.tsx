/** Approve the response, or improve it: a rewrite with a word diff against the original and a preview. */

import { useState } from 'react';
import { i18n } from '#i18n';
import { Diff } from '@/components/Diff';
import { Markdown } from '@/components/Markdown';
import type { Problem } from './build-review';
import type { Draft } from './draft';
import { problemFor, TextArea } from './fields';

type View = 'edit' | 'diff' | 'preview';

const VIEW_LABEL: Record<View, () => string> = {
  edit: () => i18n.t('panel.review.edit'),
  diff: () => i18n.t('panel.review.changes'),
  preview: () => i18n.t('panel.review.preview'),
};

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
  const [view, setView] = useState<View>('edit');
  const shown =
    view === 'edit' ? (
      <TextArea
        id="rewrite"
        label={i18n.t('panel.review.rewrite')}
        rows={14}
        value={draft.rewrite}
        onChange={(rewrite) => update({ rewrite })}
        problem={problemFor(problems, 'rewrite')}
      />
    ) : view === 'diff' ? (
      <Diff before={original} after={draft.rewrite} label={i18n.t('panel.review.changesLabel')} />
    ) : (
      <Markdown text={draft.rewrite} label={i18n.t('panel.review.previewLabel')} />
    );
  return (
    <section aria-label={i18n.t('panel.tabs.review')}>
      <details className="card">
        <summary>{i18n.t('panel.review.original')}</summary>
        <div className="text">{original}</div>
      </details>
      <fieldset className="row toggle">
        <legend className="sr-only">{i18n.t('panel.review.view')}</legend>
        {(['edit', 'diff', 'preview'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {VIEW_LABEL[v]()}
          </button>
        ))}
      </fieldset>
      {shown}
    </section>
  );
}
