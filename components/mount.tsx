import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import './ui.css';

/**
 * Renders an extension page's app into its #root, under its title, in the browser's language (the
 * catalogue's, so that a screen reader reads the page in the language it is written in).
 */
export function mount(app: ReactNode, title: string): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = title;
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode>{app}</StrictMode>);
}
