/**
 * The introduction a new reviewer sees in the popup once signed in: the
 * project's guidelines, where the controls appear, and a demo page to try a
 * first review on. Put away with one click; the options page brings it back.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
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
      <h2 id="getting-started">Getting started</h2>
      <ol>
        <li>
          Read your project's guidelines
          {withGuidelines.length ? ` (${withGuidelines.map((p) => p.name).join(', ')})` : ''}: they open before your
          first task of a project, and stay one click away in the review panel.
        </li>
        <li>
          Review controls appear under each answer on {SUPPORTED_SITES.map((s) => s.name).join(', ')}. On any other
          page, select the answer and choose <em>Review selection</em> below.
        </li>
        <li>
          Try a first review on the demo page: approve an answer, or improve it, and see it sent.{' '}
          <button type="button" onClick={() => void browser.tabs.create({ url: `${serverUrl}/demo/chat` })}>
            Open the demo page
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
        Got it
      </button>
    </section>
  );
}
