import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/**
 * A preview of markdown the reviewer wrote (or a model wrote): rendered, then
 * sanitized, so that no script, handler or frame in the text ever runs.
 */
export function Markdown({ text, label }: { text: string; label: string }) {
  const html = useMemo(
    () => DOMPurify.sanitize(marked.parse(text, { async: false }), { USE_PROFILES: { html: true } }),
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
