/**
 * The clinical assessment of one response: the standard axes the project
 * keeps, the overall score, a rationale (required when an answer counts
 * against the response or a safety flag is set), and the project's own
 * questions, rendered from their declaration.
 */
import { i18n } from '#i18n';
import { AXIS_QUESTION, RATIONALE_REASON, SCALE_LABEL } from '@/components/labels';
import { rationaleReasons } from '@/utils/review/assessment';
import {
  type Answer,
  type Assessment,
  type AssessmentConfig,
  AXIS_SCALES,
  axesOf,
  type Question,
  type ScaledAxis,
} from '@/utils/schema/assessment';
import type { SafetyFlag } from '@/utils/schema/clinical';
import type { Problem } from './build-review';
import { FieldProblem, problemFor, TextArea } from './fields';

/** One radio group; `id` names its first input, so a problem can focus it. */
function Choices<V extends string | number>({
  id,
  legend,
  help,
  values,
  labelOf,
  value,
  onChange,
  problem,
}: {
  id: string;
  legend: string;
  help?: string | undefined;
  values: readonly V[];
  labelOf(value: V): string;
  value: V | undefined;
  onChange(value: V): void;
  problem?: string | undefined;
}) {
  return (
    <fieldset className="axis" aria-invalid={problem ? true : undefined}>
      <legend>{legend}</legend>
      {help && <p className="muted hint">{help}</p>}
      {values.map((v, i) => (
        <label key={v} className="inline">
          <input
            type="radio"
            name={id}
            {...(i === 0 ? { id } : {})}
            checked={value === v}
            onChange={() => onChange(v)}
          />
          {labelOf(v)}
        </label>
      ))}
      <FieldProblem id={`${id}-problem`} message={problem} />
    </fieldset>
  );
}

function QuestionInput({
  question,
  answer,
  onChange,
  problem,
}: {
  question: Question;
  answer: Answer | undefined;
  onChange(answer: Answer | undefined): void;
  problem: string | undefined;
}) {
  const id = `answers-${question.id}`;
  const legend = question.required
    ? i18n.t('review.assessment.requiredQuestion', { label: question.label })
    : question.label;
  switch (question.type) {
    case 'single':
      return (
        <Choices<string>
          id={id}
          legend={legend}
          help={question.help}
          values={question.options.map((o) => o.value)}
          labelOf={(v) => question.options.find((o) => o.value === v)?.label ?? v}
          value={typeof answer === 'string' ? answer : undefined}
          onChange={onChange}
          problem={problem}
        />
      );
    case 'likert': {
      const points = Array.from({ length: question.points }, (_, i) => i + 1);
      return (
        <Choices<number>
          id={id}
          legend={legend}
          help={question.help ?? `1 = ${question.lowLabel}, ${question.points} = ${question.highLabel}`}
          values={points}
          labelOf={String}
          value={typeof answer === 'number' ? answer : undefined}
          onChange={onChange}
          problem={problem}
        />
      );
    }
    case 'multi': {
      const chosen = Array.isArray(answer) ? answer : [];
      return (
        <fieldset className="axis" aria-invalid={problem ? true : undefined}>
          <legend>{legend}</legend>
          {question.help && <p className="muted hint">{question.help}</p>}
          {question.options.map((o, i) => (
            <label key={o.value} className="inline">
              <input
                type="checkbox"
                {...(i === 0 ? { id } : {})}
                checked={chosen.includes(o.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))
                }
              />
              {o.label}
            </label>
          ))}
          <FieldProblem id={`${id}-problem`} message={problem} />
        </fieldset>
      );
    }
    case 'number':
      return (
        <div className="question">
          <label htmlFor={id}>
            {legend}
            {question.unit ? ` (${question.unit})` : ''}
          </label>
          {question.help && <p className="muted hint">{question.help}</p>}
          <input
            id={id}
            type="number"
            {...(question.min !== undefined ? { min: question.min } : {})}
            {...(question.max !== undefined ? { max: question.max } : {})}
            step={question.integer ? 1 : 'any'}
            value={typeof answer === 'number' ? answer : ''}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
          />
          <FieldProblem id={`${id}-problem`} message={problem} />
        </div>
      );
    case 'text':
      return (
        <TextArea
          id={id}
          label={legend}
          rows={2}
          hint={question.help}
          value={typeof answer === 'string' ? answer : ''}
          onChange={(text) => onChange(text)}
          problem={problem}
        />
      );
  }
}

export function AssessmentForm({
  config,
  draft,
  update,
  safetyFlags,
  problems,
}: {
  config: AssessmentConfig;
  draft: Assessment;
  update(next: Assessment): void;
  safetyFlags: readonly SafetyFlag[];
  problems: Problem[];
}) {
  const reasons = rationaleReasons(draft, safetyFlags);
  const setAnswer = (id: string, answer: Answer | undefined) => {
    const { [id]: _, ...others } = draft.answers ?? {};
    update({ ...draft, answers: answer === undefined ? others : { ...others, [id]: answer } });
  };
  const { rationale: _r, answers, ...axes } = draft;
  const answered = Object.values(axes).filter((v) => v !== undefined).length + Object.keys(answers ?? {}).length;
  return (
    <details className="card assessment" open>
      <summary>{i18n.t('review.assessment.title', answered)}</summary>
      {config.parts
        .flatMap(axesOf)
        .map((axis) =>
          axis === 'overall' ? (
            <Choices
              key={axis}
              id="overall"
              legend={AXIS_QUESTION.overall}
              help={i18n.t('review.assessment.overallHelp')}
              values={[1, 2, 3, 4, 5]}
              labelOf={String}
              value={draft.overall}
              onChange={(overall) => update({ ...draft, overall })}
            />
          ) : (
            <Choices
              key={axis}
              id={axis}
              legend={AXIS_QUESTION[axis]}
              values={AXIS_SCALES[axis] as readonly string[]}
              labelOf={(v) => SCALE_LABEL[v] ?? v}
              value={draft[axis]}
              onChange={(value) => update({ ...draft, [axis satisfies ScaledAxis]: value })}
            />
          ),
        )}
      <TextArea
        id="rationale"
        label={reasons.length ? i18n.t('review.assessment.rationaleRequired') : i18n.t('review.assessment.rationale')}
        hint={
          reasons.length
            ? i18n.t('review.assessment.because', reasons.length, {
                reasons: reasons.map((r) => RATIONALE_REASON[r]).join(', '),
              })
            : undefined
        }
        rows={3}
        value={draft.rationale ?? ''}
        onChange={(rationale) => update({ ...draft, rationale })}
        problem={problemFor(problems, 'rationale')}
      />
      {config.questions.map((question) => (
        <QuestionInput
          key={question.id}
          question={question}
          answer={draft.answers?.[question.id]}
          onChange={(answer) => setAnswer(question.id, answer)}
          problem={problemFor(problems, `answers.${question.id}`)}
        />
      ))}
    </details>
  );
}
