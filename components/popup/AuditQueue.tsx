/** A lead's audit queue at a glance; "Audit" opens the audit page on that submission. */

import { useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { DEFAULT_FILTERS, filtersToHash, QueueFilters, QueueList, useQueue } from '@/components/audit/Queue';
import type { ReviewFilters } from '@/utils/messages/background';
import type { Project } from '@/utils/schema/project';

const SHOWN = 5;

export function AuditQueue({ projects }: { projects: Project[] }) {
  const [filters, setFilters] = useState<ReviewFilters>(DEFAULT_FILTERS);
  const { items, error, experts } = useQueue(filters);
  const open = async (select?: string) => {
    await browser.tabs.create({ url: `${browser.runtime.getURL('/audit.html')}#${filtersToHash(filters, select)}` });
    if (!(await browser.tabs.getCurrent())) window.close();
  };
  return (
    <section aria-labelledby="audit-heading">
      <div className="row">
        <h2 id="audit-heading">
          {!items
            ? i18n.t('popup.auditQueue.heading')
            : items.length === 50
              ? i18n.t('popup.auditQueue.headingMore', { count: items.length })
              : i18n.t('popup.auditQueue.headingCount', { count: items.length })}
        </h2>
        <span className="spacer" />
        <button type="button" onClick={() => void open()}>
          {i18n.t('popup.auditQueue.open')}
        </button>
      </div>
      <details>
        <summary>{i18n.t('popup.auditQueue.filters')}</summary>
        <QueueFilters filters={filters} onChange={setFilters} projects={projects} experts={experts} />
      </details>
      {error && (
        <p className="error" role="alert">
          {i18n.t('popup.auditQueue.error', { error })}
        </p>
      )}
      {items && <QueueList items={items.slice(0, SHOWN)} onOpen={(s) => void open(s.submission.id)} />}
    </section>
  );
}
