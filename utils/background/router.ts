/**
 * The background worker's front door. Each inbound message is classified by
 * its sender, parsed against the declared protocol, checked against what that
 * kind of sender may ask, and only then dispatched. Anything else is answered
 * with an error and changes nothing.
 */
import {
  ALLOWED_SENDERS,
  type BackgroundReplies,
  BackgroundRequest,
  type BackgroundRequestType,
  type Reply,
  type SenderKind,
} from '../messages/background';

/** The parts of `runtime.MessageSender` the router looks at. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export function classifySender(sender: Sender, extensionId: string): SenderKind | undefined {
  if (sender.id !== extensionId || !sender.url) return undefined;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return undefined;
  }
  if (url.protocol === 'chrome-extension:' || url.protocol === 'moz-extension:') {
    if (url.pathname === '/panel.html') return sender.tab?.id === undefined ? undefined : 'panel';
    if (url.pathname === '/popup.html') return 'popup';
    if (url.pathname === '/audit.html') return 'audit';
    if (url.pathname === '/options.html') return 'options';
    return undefined;
  }
  // Our content script runs in the top frame of web pages only.
  const isWeb = url.protocol === 'http:' || url.protocol === 'https:';
  return isWeb && sender.tab?.id !== undefined && sender.frameId === 0 ? 'content' : undefined;
}

interface RequestContext {
  kind: SenderKind;
  sender: Sender;
}

export type Handlers = {
  [T in BackgroundRequestType]: (
    request: Extract<BackgroundRequest, { type: T }>,
    context: RequestContext,
  ) => Promise<BackgroundReplies[T]>;
};

export async function route(
  message: unknown,
  sender: Sender,
  extensionId: string,
  handlers: Handlers,
): Promise<Reply<unknown>> {
  const kind = classifySender(sender, extensionId);
  if (!kind) return { ok: false, error: 'Refused: unknown sender' };
  const parsed = BackgroundRequest.safeParse(message);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `Refused: invalid message (${issue?.path.join('.') || 'message'}: ${issue?.message})` };
  }
  const request = parsed.data;
  if (!ALLOWED_SENDERS[request.type].includes(kind)) {
    return { ok: false, error: `Refused: a ${kind} may not send ${request.type}` };
  }
  try {
    const handler = handlers[request.type] as (r: BackgroundRequest, c: RequestContext) => Promise<unknown>;
    return { ok: true, value: await handler(request, { kind, sender }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
