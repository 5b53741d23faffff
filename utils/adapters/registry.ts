/**
 * The one place that chooses how to read a page: the adapter of the site the
 * page is on, else the generic adapter.
 */
import type { SiteAdapter } from './adapter';
import { genericAdapter } from './generic';
import { chatgptAdapter } from './sites/chatgpt';
import { claudeAdapter } from './sites/claude';
import { copilotAdapter } from './sites/copilot';
import { deepseekAdapter } from './sites/deepseek';
import { geminiAdapter } from './sites/gemini';
import { grokAdapter } from './sites/grok';
import { huggingchatAdapter } from './sites/huggingchat';
import { mistralAdapter } from './sites/mistral';
import { perplexityAdapter } from './sites/perplexity';
import { poeAdapter } from './sites/poe';

const SITE_ADAPTERS: readonly SiteAdapter[] = [
  chatgptAdapter,
  claudeAdapter,
  geminiAdapter,
  copilotAdapter,
  perplexityAdapter,
  deepseekAdapter,
  mistralAdapter,
  grokAdapter,
  poeAdapter,
  huggingchatAdapter,
];

/** The sites with an adapter of their own, as the options page lists them to switch off. */
export const SUPPORTED_SITES: readonly { id: string; name: string }[] = SITE_ADAPTERS.map(({ id, name }) => ({
  id,
  name,
}));

export function adapterFor(url: URL): SiteAdapter {
  return SITE_ADAPTERS.find((adapter) => adapter.matches(url)) ?? genericAdapter;
}
