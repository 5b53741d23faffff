import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui.css';
import './panel.css';
import { App } from '@/components/panel/App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
