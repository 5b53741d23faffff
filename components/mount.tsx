import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui.css';

/** Renders an extension page's app into its #root. */
export function mount(app: ReactNode): void {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode>{app}</StrictMode>);
}
