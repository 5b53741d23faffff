/**
 * Where the content script runs: the chat apps experts review in, and local
 * pages (the demo chat page of a task server on this machine). Every other
 * page is reached only through the user's explicit gesture (activeTab).
 */
export const CHAT_SITE_MATCHES = [
  'https://chatgpt.com/*',
  'https://chat.openai.com/*',
  'https://claude.ai/*',
  'https://gemini.google.com/*',
  'https://copilot.microsoft.com/*',
  'https://copilot.com/*',
  'https://www.perplexity.ai/*',
  'https://perplexity.ai/*',
  'https://chat.deepseek.com/*',
  'https://chat.mistral.ai/*',
  'https://grok.com/*',
  'https://poe.com/*',
  'https://huggingface.co/chat/*',
];

/**
 * The demo pages of a task server on this machine, and nothing else local (a
 * page elsewhere is reviewed through the manual fallback). `http://localhost/…`
 * matches every port, but not 127.0.0.1: both are listed.
 */
export const LOCAL_MATCHES = ['http://localhost/demo/*', 'http://127.0.0.1/demo/*'];
