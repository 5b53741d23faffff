/**
 * The audit page: a lead's whole queue, and any submission's captured
 * conversation replayed (as sanitized markdown, never executed) with the
 * team's reviews of each response under it, for chats the lead cannot open
 * themselves (private conversations, task captures).
 */
import { useEffect, useState } from 'react';
import { i18n } from '#i18n';
import { Markdown } from '@/components/Markdown';
import type { ReviewFilters } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';
import type { StoredSubmission } from '@/utils/schema/api';
import type { Project } from '@/utils/schema/project';
import { reviewedTurns } from '@/utils/schema/review';
import { Decision } from './Decision';
import { filtersFromHash, filtersToHash, QueueFilters, QueueList, titleOf, useQueue } from './Queue';
import { ResponseAudit } from './ResponseAudit';
import { ReviewCard } from './ReviewCard';

/** Where a link to the original page may point: web pages only, never script or extension URLs. */
function webUrl(url: string): string | undefined {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function Replay({ stored }: { stored: StoredSubmission }) {
  const { capture, review } = stored.submission;
  const [matched, setMatched] = useState<{ reviews: StoredSubmission[]; byTurn: number[][] }>();
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  const reviewed = new Set(reviewedTurns(review));

  useEffect(() => {
    setMatched(undefined);
    setError(undefined);
    if (!capture) return;
    const turns = capture.turns.map((t) => ({ ...(t.messageId ? { messageId: t.messageId } : {}), text: t.text }));
    sendToBackground({ type: 'audit.matching', url: capture.url, turns }).then(setMatched, (e: Error) =>
      setError(e.message),
    );
  }, [capture]);

  useEffect(() => {
    if (matched) document.querySelector('.turn.reviewed')?.scrollIntoView({ block: 'start' });
  }, [matched]);

  const onFix = () => setNote(i18n.t('audit.replay.fixOpened'));
  const link = capture && webUrl(capture.url);
  return (
    <article aria-label={i18n.t('audit.replay.conversation', { title: titleOf(stored) })}>
      <header className="row">
        <h2>{titleOf(stored)}</h2>
        <span className="spacer" />
        {link && (
          <a href={link} target="_blank" rel="noopener noreferrer">
            {i18n.t('audit.replay.openOriginal')}
          </a>
        )}
      </header>
      {note && (
        <p className="ok" role="status">
          {note}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!capture && (
        <ReviewCard stored={stored}>
          <Decision stored={stored} onFix={onFix} />
        </ReviewCard>
      )}
      {capture?.turns.map((turn, i) => {
        const reviews = (matched?.byTurn[i] ?? []).flatMap((r) => (matched?.reviews[r] ? [matched.reviews[r]] : []));
        const isResponse = turn.role === 'assistant';
        return (
          <section
            // biome-ignore lint/suspicious/noArrayIndexKey: a capture's turns are fixed; their place is their identity
            key={i}
            className={`turn ${turn.role}${reviewed.has(i) ? ' reviewed' : ''}`}
            aria-label={
              turn.role === 'user'
                ? i18n.t('audit.replay.turnPrompt', { number: i + 1 })
                : i18n.t('audit.replay.turnResponse', { number: i + 1 })
            }
          >
            <div className="muted">
              {turn.role === 'user'
                ? i18n.t('audit.replay.prompt')
                : turn.model
                  ? i18n.t('audit.replay.responseModel', { model: turn.model })
                  : i18n.t('audit.replay.response')}
            </div>
            {turn.reasoning && (
              <details>
                <summary>{i18n.t('audit.replay.reasoning')}</summary>
                <div className="text">{turn.reasoning}</div>
              </details>
            )}
            <Markdown
              text={turn.text}
              label={turn.role === 'user' ? i18n.t('audit.replay.prompt') : i18n.t('audit.replay.response')}
            />
            {isResponse && matched && reviews.length > 0 && <ResponseAudit reviews={reviews} onFix={onFix} />}
            {isResponse && !matched && reviewed.has(i) && !error && (
              <p className="muted">{i18n.t('audit.replay.loadingReviews')}</p>
            )}
          </section>
        );
      })}
    </article>
  );
}

export function AuditPage() {
  const initial = filtersFromHash(location.hash);
  const [filters, setFilters] = useState<ReviewFilters>(initial.filters);
  const [selectedId, setSelectedId] = useState(initial.select);
  const [projects, setProjects] = useState<Project[]>([]);
  const { items, error, experts, more } = useQueue(filters);

  useEffect(() => {
    sendToBackground({ type: 'projects.list' }).then(setProjects, () => {});
  }, []);
  useEffect(() => {
    history.replaceState(null, '', `#${filtersToHash(filters, selectedId)}`);
  }, [filters, selectedId]);

  const selected = items?.find((s) => s.submission.id === selectedId) ?? (selectedId ? undefined : items?.[0]);
  return (
    <main className="audit">
      <aside aria-label={i18n.t('audit.page.queue')}>
        <h1>{i18n.t('audit.queue.title')}</h1>
        <QueueFilters filters={filters} onChange={setFilters} projects={projects} experts={experts} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!items && !error && <p className="muted">{i18n.t('audit.page.loading')}</p>}
        {items && (
          <QueueList items={items} selected={selected?.submission.id} onOpen={(s) => setSelectedId(s.submission.id)} />
        )}
        {more && (
          <button type="button" onClick={() => void more()}>
            {i18n.t('audit.page.older')}
          </button>
        )}
      </aside>
      <div className="detail">
        {selected ? (
          <Replay key={selected.submission.id} stored={selected} />
        ) : (
          items && <p className="muted">{selectedId ? i18n.t('audit.page.notInView') : i18n.t('audit.page.choose')}</p>
        )}
      </div>
    </main>
  );
}
