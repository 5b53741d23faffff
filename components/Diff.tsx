import { diffWords } from 'diff';

/** A word diff of a rewrite against the original: insertions and deletions marked up, as text. */
export function Diff({ before, after, label }: { before: string; after: string; label: string }) {
  return (
    <div className="card text diff" role="document" aria-label={label}>
      {diffWords(before, after).map((part, i) => {
        const key = `${i}:${part.value.length}`;
        if (part.added) return <ins key={key}>{part.value}</ins>;
        if (part.removed) return <del key={key}>{part.value}</del>;
        return <span key={key}>{part.value}</span>;
      })}
    </div>
  );
}
