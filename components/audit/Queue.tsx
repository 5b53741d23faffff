/**
 * The lead's audit queue: the team's submissions, newest first, filtered by
 * project, expert, flag severity, disagreement and audit state. Shared by the
 * popup (a glance) and the audit page (the whole queue).
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { i18n } from '#i18n';
import { SEVERITY_LABEL } from '@/components/labels';
import { ReviewFilters } from '@/utils/messages/background';
import { sendToBackground } from '@/utils/messages/send';
import { outcomeOf, worstFlag } from '@/utils/review/summary';
import type { StoredSubmission } from '@/utils/schema/api';
import type { Severity } from '@/utils/schema/clinical';
import type { Project } from '@/utils/schema/project';

/** What a lead looks at first: what nobody has audited yet. */
export const DEFAULT_FILTERS: ReviewFilters = { audit: 'none' };

type AuditState = NonNullable<ReviewFilters['audit']>;

/** The audit states a lead can filter by, in the order offered. */
const AUDIT_STATES: readonly AuditState[] = ['none', 'accept', 'fix', 'reject', 'return'];

function auditStateLabel(state: AuditState): string {
  switch (state) {
    case 'none':
      return i18n.t('audit.queue.states.none');
    case 'accept':
      return i18n.t('audit.queue.states.accept');
    case 'fix':
      return i18n.t('audit.queue.states.fix');
    case 'reject':
      return i18n.t('audit.queue.states.reject');
    case 'return':
      return i18n.t('audit.queue.states.return');
  }
}

/** The severity filter's choices: flags of at least this severity. */
const SEVERITIES: readonly Severity[] = ['minor', 'major', 'critical'];

function severityChoice(severity: Severity): string {
  switch (severity) {
    case 'minor':
      return i18n.t('audit.queue.severities.minor');
    case 'major':
      return i18n.t('audit.queue.severities.major');
    case 'critical':
      return i18n.t('audit.queue.severities.critical');
  }
}

/** The filters as a URL fragment, and back: how the popup opens the audit page on its queue. */
export function filtersToHash(filters: ReviewFilters, select?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, String(value));
  if (select) params.set('select', select);
  return params.toString();
}

export function filtersFromHash(hash: string): { filters: ReviewFilters; select?: string } {
  const { select, disagreement, ...rest } = Object.fromEntries(new URLSearchParams(hash.replace(/^#/, '')));
  const parsed = ReviewFilters.safeParse({
    ...rest,
    ...(disagreement ? { disagreement: disagreement === 'true' } : {}),
  });
  const selected = select && /^[0-9a-f-]{36}$/i.test(select) ? { select } : {};
  return { filters: parsed.success && hash.length > 1 ? parsed.data : DEFAULT_FILTERS, ...selected };
}

export function useQueue(filters: ReviewFilters) {
  const [items, setItems] = useState<StoredSubmission[]>();
  const [next, setNext] = useState<string>();
  const [error, setError] = useState<string>();
  const [experts, setExperts] = useState(new Map<string, string>());

  const load = useCallback(
    async (before?: string) => {
      try {
        const page = await sendToBackground({
          type: 'audit.list',
          filters: { ...filters, ...(before ? { before } : {}) },
        });
        setItems((old) => (before ? [...(old ?? []), ...page.submissions] : page.submissions));
        setNext(page.nextCursor);
        setError(undefined);
        // The expert filter offers everyone seen so far, so that choosing one does not hide the others.
        setExperts((old) => {
          const seen = new Map(old);
          for (const s of page.submissions) seen.set(s.user.id, s.user.name);
          return seen.size === old.size ? old : seen;
        });
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [filters],
  );

  useEffect(() => {
    setItems(undefined);
    void load();
  }, [load]);

  return { items, error, experts, reload: () => load(), more: next ? () => load(next) : undefined };
}

export function QueueFilters({
  filters,
  onChange,
  projects,
  experts,
}: {
  filters: ReviewFilters;
  onChange(filters: ReviewFilters): void;
  projects: Project[];
  experts: Map<string, string>;
}) {
  const id = useId();
  const set = <K extends keyof ReviewFilters>(key: K, value: ReviewFilters[K] | '') => {
    const { [key]: _, ...rest } = filters;
    onChange(value === '' || value === undefined || value === false ? rest : { ...rest, [key]: value });
  };
  return (
    <fieldset className="filters">
      <legend className="sr-only">{i18n.t('audit.queue.filters')}</legend>
      <label htmlFor={`${id}-audit`}>{i18n.t('audit.queue.auditState')}</label>
      <select
        id={`${id}-audit`}
        value={filters.audit ?? ''}
        onChange={(e) => set('audit', e.target.value as ReviewFilters['audit'])}
      >
        <option value="">{i18n.t('audit.queue.all')}</option>
        {AUDIT_STATES.map((state) => (
          <option key={state} value={state}>
            {auditStateLabel(state)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-project`}>{i18n.t('audit.queue.project')}</label>
      <select id={`${id}-project`} value={filters.project ?? ''} onChange={(e) => set('project', e.target.value)}>
        <option value="">{i18n.t('audit.queue.allProjects')}</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-expert`}>{i18n.t('audit.queue.expert')}</label>
      <select id={`${id}-expert`} value={filters.expert ?? ''} onChange={(e) => set('expert', e.target.value)}>
        <option value="">{i18n.t('audit.queue.allExperts')}</option>
        {[...experts].map(([expertId, name]) => (
          <option key={expertId} value={expertId}>
            {name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-severity`}>{i18n.t('audit.queue.safetyFlags')}</label>
      <select
        id={`${id}-severity`}
        value={filters.severity ?? ''}
        onChange={(e) => set('severity', e.target.value as Severity)}
      >
        <option value="">{i18n.t('audit.queue.withOrWithout')}</option>
        {SEVERITIES.map((severity) => (
          <option key={severity} value={severity}>
            {severityChoice(severity)}
          </option>
        ))}
      </select>
      <label className="inline">
        <input
          type="checkbox"
          checked={filters.disagreement === true}
          onChange={(e) => set('disagreement', e.target.checked)}
        />
        {i18n.t('audit.queue.disagreement')}
      </label>
    </fieldset>
  );
}

export function titleOf(stored: StoredSubmission): string {
  const { capture, taskId, review } = stored.submission;
  if (capture?.title) return capture.title;
  if (taskId) return i18n.t('audit.queue.task', { id: taskId });
  return review.kind === 'prompt' ? i18n.t('audit.queue.writtenPrompt') : i18n.t('audit.queue.review');
}

export function QueueList({
  items,
  selected,
  onOpen,
}: {
  items: StoredSubmission[];
  selected?: string | undefined;
  onOpen(stored: StoredSubmission): void;
}) {
  if (items.length === 0) return <p className="muted">{i18n.t('audit.queue.empty')}</p>;
  return (
    <ul className="plain queue" aria-label={i18n.t('audit.queue.title')}>
      {items.map((stored) => {
        const { submission, user, receivedAt, audit } = stored;
        const flag = worstFlag(submission.review);
        return (
          <li key={submission.id} aria-current={selected === submission.id ? 'true' : undefined}>
            <div className="row">
              <strong>{titleOf(stored)}</strong>
              <span className="spacer" />
              <button
                type="button"
                aria-label={i18n.t('audit.queue.auditReview', { name: user.name, title: titleOf(stored) })}
                onClick={() => onOpen(stored)}
              >
                {i18n.t('audit.queue.audit')}
              </button>
            </div>
            <div className="row muted">
              <span>{user.name}</span>·<span>{outcomeOf(submission.review)}</span>·
              <span>{new Date(receivedAt).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}</span>
              {flag && <span className={`pill severity-${flag}`}>⚑ {SEVERITY_LABEL[flag]}</span>}
              {audit && <span className="pill">{auditStateLabel(audit.action)}</span>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
