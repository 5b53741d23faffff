import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import './ui.css';

/**
 * What a page shows in place of its app when rendering it threw (a bug, or a
 * part of the page that failed to load): what happened and what to do, not a
 * blank page. Reviews and drafts live in the worker, not in the page, so a
 * reload loses nothing.
 */
function PageCrashed({ error }: FallbackProps) {
  return (
    <main className="crashed">
      <div role="alert">
        <h1>{i18n.t('crash.title')}</h1>
        <p>{i18n.t('crash.body', { error: error instanceof Error ? error.message : String(error) })}</p>
      </div>
      <button className="primary" type="button" onClick={() => location.reload()}>
        {i18n.t('crash.reload')}
      </button>
    </main>
  );
}

/**
 * Renders an extension page's app into its #root, under its title, in the browser's language (the
 * catalogue's, so that a screen reader reads the page in the language it is written in).
 */
export function mount(app: ReactNode, title: string): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = title;
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <ErrorBoundary FallbackComponent={PageCrashed}>{app}</ErrorBoundary>
      </StrictMode>,
    );
  }
}
