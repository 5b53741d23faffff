import type { Api } from '../api';
import { renderDemoChat } from './chat-page';

/** The demo chat page, and a start page that points to it. */
export function registerDemo(app: Api): void {
  const page = renderDemoChat();
  app.get('/demo/chat', (c) => c.html(page));
  app.get('/', (c) => c.redirect('/demo/chat'));
}
