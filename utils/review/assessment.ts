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

/** What is wrong with an answer to a project's question. */
export type QuestionProblem =
  | { code: 'notAsked' }
  | { code: 'required' }
  | { code: 'chooseOne'; options: string[] }
  | { code: 'expectedList' }
  | { code: 'notAnOption'; value: string }
  | { code: 'chosenTwice' }
  | { code: 'likertRange'; points: number }
  | { code: 'expectedNumber' }
  | { code: 'wholeNumber' }
  | { code: 'atLeast'; min: number }
  | { code: 'atMost'; max: number }
  | { code: 'expectedText' }
  | { code: 'tooLong'; maxLength: number };

export interface AnswerProblem {
  /** Under `answers`: the question id. */
  id: string;
  problem: QuestionProblem;
  /** The problem in English, as the server's API says it (the panel says it in the user's language). */
  message: string;
}

/** The server's sentence for a problem. */
function inEnglish(problem: QuestionProblem): string {
  switch (problem.code) {
    case 'notAsked':
      return 'The project asks no such question';
    case 'required':
      return 'This question is required';
    case 'chooseOne':
      return `Choose one of: ${problem.options.join(', ')}`;
    case 'expectedList':
      return 'Expected a list of options';
    case 'notAnOption':
      return `"${problem.value}" is not an option`;
    case 'chosenTwice':
      return 'An option is chosen twice';
    case 'likertRange':
      return `Expected a whole number from 1 to ${problem.points}`;
    case 'expectedNumber':
      return 'Expected a number';
    case 'wholeNumber':
      return 'Expected a whole number';
    case 'atLeast':
      return `Expected at least ${problem.min}`;
    case 'atMost':
      return `Expected at most ${problem.max}`;
    case 'expectedText':
      return 'Expected text';
    case 'tooLong':
      return `Expected at most ${problem.maxLength} characters`;
  }
}

function problemWith(question: Question, answer: Answer): QuestionProblem | undefined {
  switch (question.type) {
    case 'single':
      return typeof answer === 'string' && question.options.some((o) => o.value === answer)
        ? undefined
        : { code: 'chooseOne', options: question.options.map((o) => o.value) };
    case 'multi': {
      if (!Array.isArray(answer)) return { code: 'expectedList' };
      const unknown = answer.find((a) => !question.options.some((o) => o.value === a));
      if (unknown !== undefined) return { code: 'notAnOption', value: String(unknown) };
      return new Set(answer).size === answer.length ? undefined : { code: 'chosenTwice' };
    }
    case 'likert':
      return Number.isInteger(answer) && (answer as number) >= 1 && (answer as number) <= question.points
        ? undefined
        : { code: 'likertRange', points: question.points };
    case 'number': {
      if (typeof answer !== 'number' || !Number.isFinite(answer)) return { code: 'expectedNumber' };
      if (question.integer && !Number.isInteger(answer)) return { code: 'wholeNumber' };
      if (question.min !== undefined && answer < question.min) return { code: 'atLeast', min: question.min };
      if (question.max !== undefined && answer > question.max) return { code: 'atMost', max: question.max };
      return undefined;
    }
    case 'text':
      if (typeof answer !== 'string') return { code: 'expectedText' };
      return question.maxLength !== undefined && answer.length > question.maxLength
        ? { code: 'tooLong', maxLength: question.maxLength }
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
  const add = (id: string, problem: QuestionProblem) => problems.push({ id, problem, message: inEnglish(problem) });
  if (where === 'server') {
    for (const id of Object.keys(answers ?? {})) {
      if (!questions.some((q) => q.id === id)) add(id, { code: 'notAsked' });
    }
  }
  for (const question of questions) {
    const answer = answers?.[question.id];
    if (isEmptyAnswer(answer)) {
      if (where === 'panel' && question.required) add(question.id, { code: 'required' });
      continue;
    }
    const problem = problemWith(question, answer as Answer);
    if (problem) add(question.id, problem);
  }
  return problems;
}
