import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui.css';
import './popup.css';
import { App } from '@/components/popup/App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
