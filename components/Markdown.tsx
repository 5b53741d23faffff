import { lazy, Suspense } from 'react';
import { ErrorBoundary } from 'react-error-boundary';

const SanitizedMarkdown = lazy(() => import('./SanitizedMarkdown').then((m) => ({ default: m.SanitizedMarkdown })));

/**
 * Markdown shown rendered (and sanitized: see SanitizedMarkdown). Its renderer
 * and sanitizer, 80 KB, load the first time a page shows some, not with the
 * page: the panel and the popup open without them. Until they have loaded, and
 * if they fail to, the text shows as it is.
 */
export function Markdown({ text, label }: { text: string; label: string }) {
  const plain = (
    <div className="markdown card text" role="document" aria-label={label}>
      {text}
    </div>
  );
  return (
    <ErrorBoundary fallback={plain}>
      <Suspense fallback={plain}>
        <SanitizedMarkdown text={text} label={label} />
      </Suspense>
    </ErrorBoundary>
  );
}
