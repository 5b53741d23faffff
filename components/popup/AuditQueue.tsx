/** A lead's audit queue at a glance; "Audit" opens the audit page on that submission. */
import { useState } from 'react';
import { browser } from 'wxt/browser';
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
        <h2 id="audit-heading">Audit queue{items ? ` (${items.length}${items.length === 50 ? '+' : ''})` : ''}</h2>
        <span className="spacer" />
        <button type="button" onClick={() => void open()}>
          Open the audit page
        </button>
      </div>
      <details>
        <summary>Filters</summary>
        <QueueFilters filters={filters} onChange={setFilters} projects={projects} experts={experts} />
      </details>
      {error && (
        <p className="error" role="alert">
          Could not load the queue: {error}
        </p>
      )}
      {items && <QueueList items={items.slice(0, SHOWN)} onOpen={(s) => void open(s.submission.id)} />}
    </section>
  );
}
