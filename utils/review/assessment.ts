/**
 * The rules of a clinical assessment that a schema alone cannot state: when a
 * rationale is owed, and whether answers fit the project's declared questions.
 * Shared by the panel (to say so in place) and the server (to refuse). Pure.
 */
import {
  type Answer,
  type Assessment,
  AXIS_SCALES,
  NEGATIVE,
  NEGATIVE_OVERALL,
  type Question,
  type ScaledAxis,
} from '../schema/assessment';

/** What makes a rationale required: the negative axes, in form order, and "safetyFlags" when a flag is set. */
export function rationaleReasons(
  assessment: Assessment | undefined,
  safetyFlags: readonly unknown[] | undefined,
): (ScaledAxis | 'overall' | 'safetyFlags')[] {
  const reasons: (ScaledAxis | 'overall' | 'safetyFlags')[] = [];
  if (assessment) {
    for (const axis of Object.keys(AXIS_SCALES) as ScaledAxis[]) {
      const value = assessment[axis];
      if (value !== undefined && (NEGATIVE[axis] as readonly string[]).includes(value)) reasons.push(axis);
    }
    if (assessment.overall !== undefined && assessment.overall <= NEGATIVE_OVERALL) reasons.push('overall');
  }
  if (safetyFlags?.length) reasons.push('safetyFlags');
  return reasons;
}

/** True when the rationale is owed and missing. */
export function rationaleMissing(assessment: Assessment | undefined, safetyFlags: readonly unknown[] | undefined) {
  return !assessment?.rationale?.trim() && rationaleReasons(assessment, safetyFlags).length > 0;
}

export interface AnswerProblem {
  /** Under `answers`: the question id. */
  id: string;
  message: string;
}

function problemWith(question: Question, answer: Answer): string | undefined {
  switch (question.type) {
    case 'single':
      return typeof answer === 'string' && question.options.some((o) => o.value === answer)
        ? undefined
        : `Choose one of: ${question.options.map((o) => o.value).join(', ')}`;
    case 'multi': {
      if (!Array.isArray(answer)) return 'Expected a list of options';
      const unknown = answer.find((a) => !question.options.some((o) => o.value === a));
      if (unknown !== undefined) return `"${unknown}" is not an option`;
      return new Set(answer).size === answer.length ? undefined : 'An option is chosen twice';
    }
    case 'likert':
      return Number.isInteger(answer) && (answer as number) >= 1 && (answer as number) <= question.points
        ? undefined
        : `Expected a whole number from 1 to ${question.points}`;
    case 'number': {
      if (typeof answer !== 'number' || !Number.isFinite(answer)) return 'Expected a number';
      if (question.integer && !Number.isInteger(answer)) return 'Expected a whole number';
      if (question.min !== undefined && answer < question.min) return `Expected at least ${question.min}`;
      if (question.max !== undefined && answer > question.max) return `Expected at most ${question.max}`;
      return undefined;
    }
    case 'text':
      if (typeof answer !== 'string') return 'Expected text';
      return question.maxLength !== undefined && answer.length > question.maxLength
        ? `Expected at most ${question.maxLength} characters`
        : undefined;
  }
}

/** An answer left blank: no value, blank text, or no option chosen. */
export function isEmptyAnswer(answer: Answer | undefined): boolean {
  return (
    answer === undefined || (typeof answer === 'string' && !answer.trim()) || (Array.isArray(answer) && !answer.length)
  );
}

/**
 * Answers checked against the declared questions, by where they are checked:
 * - the panel requires the required questions, and leaves alone answers to
 *   questions it was not told of (a lead fixing an expert's review keeps them);
 * - the server refuses an answer to a question the task's project does not
 *   ask, and requires nothing (a quick approval carries no assessment at all).
 */
export function answerProblems(
  questions: readonly Question[],
  answers: Readonly<Record<string, Answer>> | undefined,
  where: 'panel' | 'server',
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (where === 'server') {
    for (const id of Object.keys(answers ?? {})) {
      if (!questions.some((q) => q.id === id)) problems.push({ id, message: 'The project asks no such question' });
    }
  }
  for (const question of questions) {
    const answer = answers?.[question.id];
    if (isEmptyAnswer(answer)) {
      if (where === 'panel' && question.required)
        problems.push({ id: question.id, message: 'This question is required' });
      continue;
    }
    const message = problemWith(question, answer as Answer);
    if (message) problems.push({ id: question.id, message });
  }
  return problems;
}
