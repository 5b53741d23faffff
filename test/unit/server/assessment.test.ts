/** A project's clinical assessment: declared with the project, answered with each review, checked by the server. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clinicalTasks } from '../../../server/demo/seed';
import { Project } from '../../../utils/schema';
import { sampleSubmission } from '../support/samples';
import { type Harness, harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.db.close());

const assessment = {
  parts: ['consensus', 'harm', 'overall'],
  questions: [
    {
      type: 'single',
      id: 'disposition',
      label: 'Safe disposition?',
      options: [
        { value: 'home', label: 'Home' },
        { value: 'admit', label: 'Admit' },
      ],
    },
    { type: 'likert', id: 'readability', label: 'Readability', points: 7, lowLabel: 'Hard', highLabel: 'Easy' },
  ],
};

async function projectWithTask(): Promise<Project> {
  const res = await h.call('POST', '/v1/projects', { token: h.leadToken, body: { name: 'Chest pain', assessment } });
  expect(res.status).toBe(201);
  const project = Project.parse(await res.json());
  const [task] = clinicalTasks();
  await h.call('POST', `/v1/projects/${project.id}/tasks`, {
    token: h.leadToken,
    body: { tasks: [{ task: { ...task, id: 'a-1' } }] },
  });
  const assigned = await h.call('POST', `/v1/projects/${project.id}/assignments`, {
    token: h.leadToken,
    body: { taskId: 'a-1', userId: h.expertId },
  });
  expect(assigned.status).toBe(200);
  return project;
}

function submit(review: object, taskId?: string) {
  const base = sampleSubmission();
  return h.call('POST', '/v1/submissions/batch', {
    token: h.expertToken,
    body: { submissions: [{ ...base, ...(taskId ? { taskId } : {}), review: { ...base.review, ...review } }] },
  });
}

describe('a project’s clinical assessment', () => {
  it('is declared with the project and read back by its experts', async () => {
    const project = await projectWithTask();
    expect(project.assessment).toEqual(assessment);
    const listed = await (await h.call('GET', '/v1/projects', { token: h.expertToken })).json();
    expect(listed.projects.find((p: Project) => p.id === project.id)?.assessment).toEqual(assessment);
  });

  it('refuses a bad question declaration with the path of the fault', async () => {
    const res = await h.call('POST', '/v1/projects', {
      token: h.leadToken,
      body: {
        name: 'Broken',
        assessment: {
          questions: [{ type: 'single', id: 'q', label: 'Q', options: [{ value: 'only', label: 'One' }] }],
        },
      },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.issues).toContainEqual({
      path: 'assessment.questions.0.options',
      message: 'Offer at least two options',
    });
  });

  it('stores every value of an assessment answered on the project’s task', async () => {
    await projectWithTask();
    const given = {
      consensus: 'not_aligned',
      harmExtent: 'severe_or_death',
      harmLikelihood: 'medium',
      overall: 2,
      rationale: 'Sends a STEMI home.',
      answers: { disposition: 'admit', readability: 5 },
    };
    const res = await submit({ assessment: given }, 'a-1');
    expect(res.status).toBe(200);
    const [row] = await h.db.query<{ body: { review: { assessment: unknown } } }>('SELECT body FROM submissions');
    expect(row?.body.review.assessment).toEqual(given);
  });

  it('refuses answers that are not the project’s, naming the question', async () => {
    await projectWithTask();
    const wrong = await submit({ assessment: { answers: { disposition: 'icu', readability: 9, mood: 'x' } } }, 'a-1');
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.issues).toEqual([
      { path: 'submissions.0.review.assessment.answers.mood', message: 'The project asks no such question' },
      { path: 'submissions.0.review.assessment.answers.disposition', message: 'Choose one of: home, admit' },
      {
        path: 'submissions.0.review.assessment.answers.readability',
        message: 'Expected a whole number from 1 to 7',
      },
    ]);
    // A page review belongs to no project: it asks no questions.
    const unlinked = await submit({ assessment: { answers: { disposition: 'home' } } });
    expect(unlinked.status).toBe(400);
    expect(await h.db.query('SELECT 1 FROM submissions')).toEqual([]);
  });

  it('refuses a negative assessment without its rationale', async () => {
    const res = await submit({ assessment: { triage: 'under_triage' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues).toEqual([
      {
        path: 'submissions.0.review.assessment.rationale',
        message: 'A rationale is required when triage is negative or set',
      },
    ]);
  });
});
