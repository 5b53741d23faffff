/**
 * The introduction a new reviewer sees in the popup once signed in: the
 * project's guidelines, where the controls appear, and a demo page to try a
 * first review on. Put away with one click; the options page brings it back.
 */

import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { SLOT, withNodes } from '@/components/sentence';
import { SUPPORTED_SITES } from '@/utils/adapters/registry';
import type { Project } from '@/utils/schema/project';
import { introDismissed, setIntroDismissed } from '@/utils/storage/onboarding';

export function GettingStarted({ serverUrl, projects }: { serverUrl: string; projects: Project[] }) {
  const [dismissed, setDismissed] = useState<boolean>();
  useEffect(() => {
    void introDismissed().then(setDismissed);
  }, []);
  if (dismissed !== false) return null;
  const withGuidelines = projects.filter((p) => p.guidelines.trim());
  return (
    <section className="card" aria-labelledby="getting-started">
      <h2 id="getting-started">{i18n.t('popup.gettingStarted.heading')}</h2>
      <ol>
        <li>
          {withGuidelines.length
            ? i18n.t('popup.gettingStarted.guidelinesOf', { projects: withGuidelines.map((p) => p.name).join(', ') })
            : i18n.t('popup.gettingStarted.guidelines')}
        </li>
        <li>
          {withNodes(
            i18n.t('popup.gettingStarted.controls', {
              sites: SUPPORTED_SITES.map((s) => s.name).join(', '),
              action: SLOT,
            }),
            <em>{i18n.t('popup.quickRate.reviewSelection')}</em>,
          )}
        </li>
        <li>
          {i18n.t('popup.gettingStarted.demo')}{' '}
          <button type="button" onClick={() => void browser.tabs.create({ url: `${serverUrl}/demo/chat` })}>
            {i18n.t('popup.gettingStarted.openDemo')}
          </button>
        </li>
      </ol>
      <button
        type="button"
        onClick={() => {
          setDismissed(true);
          void setIntroDismissed(true);
        }}
      >
        {i18n.t('popup.gettingStarted.gotIt')}
      </button>
    </section>
  );
}
