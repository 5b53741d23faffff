/** What every review carries: safety flags with severity, specialty, confidence, evidence and a comment. */

import { useState } from 'react';
import { i18n } from '#i18n';
import { FLAG_LABEL, SEVERITY_LABEL, SPECIALTY_LABEL } from '@/components/labels';
import { Evidence, SafetyFlagCode, Severity, Specialty } from '@/utils/schema/clinical';
import type { Problem } from './build-review';
import type { Draft } from './draft';
import { problemFor, TextArea } from './fields';

type Details = Draft['details'];

/** The name of a kind of reference. */
function kindLabel(kind: Evidence['kind']): string {
  switch (kind) {
    case 'pmid':
      return i18n.t('review.details.kind.pmid');
    case 'doi':
      return i18n.t('review.details.kind.doi');
    case 'guideline':
      return i18n.t('review.details.kind.guideline');
  }
}

/** Why a reference is refused: the words for the schema's checks of form, else its own message. */
function evidenceProblem(kind: Evidence['kind'], issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return i18n.t('review.details.invalidReference');
  if (issue.path.join('.') === 'id' && kind === 'pmid') return i18n.t('review.details.pmidFormat');
  if (issue.path.join('.') === 'id' && kind === 'doi') return i18n.t('review.details.doiFormat');
  return issue.message;
}

function EvidenceInput({ onAdd }: { onAdd(evidence: Evidence): void }) {
  const [kind, setKind] = useState<Evidence['kind']>('pmid');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string>();
  const add = () => {
    const candidate =
      kind === 'guideline' ? { kind, text: value.trim() } : { kind, id: value.trim().replace(/^doi:\s*/i, '') };
    const parsed = Evidence.safeParse(candidate);
    if (!parsed.success) {
      setProblem(evidenceProblem(kind, parsed.error.issues[0]));
      return;
    }
    onAdd(parsed.data);
    setValue('');
    setProblem(undefined);
  };
  return (
    <div className="row">
      <label className="sr-only" htmlFor="evidence-kind">
        {i18n.t('review.details.kindOfReference')}
      </label>
      <select id="evidence-kind" value={kind} onChange={(e) => setKind(e.target.value as Evidence['kind'])}>
        <option value="pmid">{kindLabel('pmid')}</option>
        <option value="doi">{kindLabel('doi')}</option>
        <option value="guideline">{kindLabel('guideline')}</option>
      </select>
      <label className="sr-only" htmlFor="evidence-value">
        {i18n.t('review.details.reference')}
      </label>
      <input
        id="evidence-value"
        className="grow"
        value={value}
        placeholder={
          kind === 'pmid'
            ? '26903338'
            : kind === 'doi'
              ? i18n.t('review.details.doiPlaceholder')
              : i18n.t('review.details.guidelinePlaceholder')
        }
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'evidence-problem' : undefined}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }}
      />
      <button type="button" onClick={add}>
        {i18n.t('review.details.add')}
      </button>
      {problem && (
        <p className="error" id="evidence-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

export function DetailsSection({
  draft,
  update,
  problems,
  commentLabel,
}: {
  draft: Details;
  update(next: Details): void;
  problems: Problem[];
  commentLabel: string;
}) {
  const flag = (code: SafetyFlagCode) => draft.safetyFlags.find((f) => f.code === code);
  const setFlag = (code: SafetyFlagCode, change: Partial<Details['safetyFlags'][number]> | null) => {
    const others = draft.safetyFlags.filter((f) => f.code !== code);
    const current = flag(code) ?? { code, severity: 'major' as const };
    update({ ...draft, safetyFlags: change === null ? others : [...others, { ...current, ...change }] });
  };
  return (
    <section aria-label={i18n.t('review.details.section')}>
      <TextArea
        id="comment"
        label={commentLabel}
        rows={3}
        value={draft.comment}
        onChange={(comment) => update({ ...draft, comment })}
        problem={problemFor(problems, 'comment')}
      />
      <details className="card" open={draft.safetyFlags.length > 0}>
        <summary>{i18n.t('review.details.safetyFlags', draft.safetyFlags.length)}</summary>
        <ul className="plain flags">
          {SafetyFlagCode.options.map((code) => {
            const set = flag(code);
            return (
              <li key={code}>
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={set !== undefined}
                    onChange={(e) => setFlag(code, e.target.checked ? {} : null)}
                  />{' '}
                  {FLAG_LABEL[code]}
                </label>
                {set && (
                  <div className="row flag-detail">
                    <label className="inline" htmlFor={`flag-${code}-severity`}>
                      {i18n.t('review.details.severity')}
                    </label>
                    <select
                      id={`flag-${code}-severity`}
                      value={set.severity}
                      onChange={(e) => setFlag(code, { severity: Severity.parse(e.target.value) })}
                    >
                      {Severity.options.map((s) => (
                        <option key={s} value={s}>
                          {SEVERITY_LABEL[s]}
                        </option>
                      ))}
                    </select>
                    <label className="sr-only" htmlFor={`flag-${code}-note`}>
                      {i18n.t('review.details.noteOn', { flag: FLAG_LABEL[code].toLowerCase() })}
                    </label>
                    <input
                      id={`flag-${code}-note`}
                      className="grow"
                      placeholder={i18n.t('review.details.notePlaceholder')}
                      value={set.note ?? ''}
                      onChange={(e) => setFlag(code, { note: e.target.value })}
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </details>
      <div className="row">
        <label className="inline" htmlFor="specialty">
          {i18n.t('review.details.judgedAs')}
        </label>
        <select
          id="specialty"
          value={draft.specialty ?? ''}
          onChange={(e) =>
            update({ ...draft, specialty: e.target.value ? Specialty.parse(e.target.value) : undefined })
          }
        >
          <option value="">{i18n.t('review.details.chooseSpecialty')}</option>
          {Specialty.options.map((s) => (
            <option key={s} value={s}>
              {SPECIALTY_LABEL[s]}
            </option>
          ))}
        </select>
        <fieldset className="confidence">
          <legend className="inline-legend">{i18n.t('review.details.confidence')}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label
              key={n}
              className="inline"
              title={
                n === 1 ? i18n.t('review.details.notAtAllSure') : n === 5 ? i18n.t('review.details.certain') : undefined
              }
            >
              <input
                type="radio"
                name="confidence"
                checked={draft.confidence === n}
                onChange={() => update({ ...draft, confidence: n })}
              />
              {n}
            </label>
          ))}
        </fieldset>
      </div>
      <details className="card" open={draft.evidence.length > 0}>
        <summary>{i18n.t('review.details.evidence', draft.evidence.length)}</summary>
        <ul className="plain">
          {draft.evidence.map((e, i) => (
            <li key={`${e.kind}:${'id' in e ? e.id : e.text}`} className="row">
              <span>{e.kind === 'guideline' ? e.text : `${kindLabel(e.kind)} ${e.id}`}</span>
              <span className="spacer" />
              <button
                type="button"
                onClick={() => update({ ...draft, evidence: draft.evidence.filter((_, j) => j !== i) })}
                aria-label={i18n.t('review.details.removeReference')}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <EvidenceInput onAdd={(evidence) => update({ ...draft, evidence: [...draft.evidence, evidence] })} />
      </details>
    </section>
  );
}
