/**
 * Typed senders for extension messaging. Type-only imports of the protocols
 * keep zod out of the content script's bundle.
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { BackgroundReplies, BackgroundRequest, BackgroundRequestType, Reply } from './background';
import type { ContentReplies, ContentRequest, ContentRequestType } from './content';

function unwrap<T>(reply: Reply<T> | undefined): T {
  if (!reply) throw new Error(i18n.t('worker.noAnswer'));
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export async function sendToBackground<T extends BackgroundRequestType>(
  request: Extract<BackgroundRequest, { type: T }>,
): Promise<BackgroundReplies[T]> {
  return unwrap((await browser.runtime.sendMessage(request)) as Reply<BackgroundReplies[T]> | undefined);
}

export async function sendToTab<T extends ContentRequestType>(
  tabId: number,
  request: Extract<ContentRequest, { type: T }>,
): Promise<ContentReplies[T]> {
  return unwrap((await browser.tabs.sendMessage(tabId, request)) as Reply<ContentReplies[T]> | undefined);
}
