import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/**
 * Nothing in the text may fetch anything when shown: an image or a style with
 * a URL in a model's output (or in a private conversation replayed for a lead)
 * would tell its server who is reading, and when.
 */
const NO_FETCHING = {
  FORBID_TAGS: ['img', 'picture', 'source', 'video', 'audio', 'track', 'link', 'style', 'form', 'input'],
  FORBID_ATTR: ['style', 'srcset', 'background', 'poster'],
};

/**
 * A preview of markdown the reviewer wrote (or a model wrote): rendered, then
 * sanitized, so that no script, handler or frame in the text ever runs and
 * nothing in it is fetched.
 */
export function SanitizedMarkdown({ text, label }: { text: string; label: string }) {
  const html = useMemo(
    () => DOMPurify.sanitize(marked.parse(text, { async: false }), { USE_PROFILES: { html: true }, ...NO_FETCHING }),
    [text],
  );
  return (
    <div
      className="markdown card"
      role="document"
      aria-label={label}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by DOMPurify just above
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
