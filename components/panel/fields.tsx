/** Small form pieces the panel's tabs share: a problem shown in place, and a labelled text area. */
import type { ReactNode } from 'react';
import type { Problem } from './build-review';

export function problemFor(problems: Problem[], field: string): string | undefined {
  return problems.find((p) => p.field === field || p.field.startsWith(`${field}.`))?.message;
}

export function FieldProblem({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error" id={id} role="alert">
      {message}
    </p>
  );
}

export function TextArea({
  id,
  label,
  value,
  onChange,
  rows = 4,
  problem,
  placeholder,
  hint,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  rows?: number;
  problem?: string | undefined;
  placeholder?: string;
  hint?: ReactNode;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="muted hint">{hint}</p>}
      <textarea
        id={id}
        rows={rows}
        value={value}
        placeholder={placeholder}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldProblem id={`${id}-problem`} message={problem} />
    </>
  );
}
