/**
 * SQL-injection strings are data: put into every free-text field the API takes
 * (captures, every kind of review, audits, projects, tasks and their gold
 * answers), into query filters and into path parameters, they come back byte
 * for byte where they are stored, filters match them literally (no LIKE
 * wildcards) or refuse them with 400/404 (never 500), and afterwards every
 * table is still there with exactly the rows the requests added.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createToken } from '../../../server/auth';
import { createUser } from '../../../server/people';
import type { Review, Submission, Task } from '../../../utils/schema';
import { type Harness, harness } from './harness';

const NASTY = [
  "'; DROP TABLE submissions; --",
  "' OR '1'='1",
  '$1',
  "\\'",
  '"); DELETE FROM users; --',
  '$$; DROP TABLE tasks; $$',
  '1); TRUNCATE audits CASCADE; --',
  "%' OR 1=1 --",
  '%',
  '_',
  'Ünïcødé ✓ 𝔘 患者 مريض \u200b\u202e \\x00', // astral, right-to-left, zero-width, an escape-looking text; no NUL
];

let h: Harness;
let adminToken: string;
/** Requests of leads and admins, which the action log records (all but GET /v1/projects here). */
let recorded = 0;
let before: Record<string, number>;

beforeEach(async () => {
  h = await harness();
  adminToken = await createToken(h.db, await createUser(h.db, { teamId: h.teamId, name: 'Admin', role: 'admin' }));
  recorded = 0;
  before = await tableCounts();
});
afterEach(() => h.db.close());

async function call(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  if (token !== h.expertToken && !(method === 'GET' && path === '/v1/projects')) recorded++;
  return h.call(method, path, { token, ...(body !== undefined ? { body } : {}) });
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await h.db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = row?.n ?? -1;
  }
  return counts;
}

/** Every table of the start is still there, with exactly `added` more rows each. */
async function expectIntact(added: Record<string, number>) {
  const expected = Object.fromEntries(
    Object.entries(before).map(([name, n]) => [name, n + (name === 'action_log' ? recorded : (added[name] ?? 0))]),
  );
  expect(await tableCounts()).toEqual(expected);
}

const pageOf = (s: string) => `https://chat.example.test/c/${s}?q=${s}`;

function submission(s: string, review: Review): Submission {
  const texts = [s, `A ${s}`, `B ${s}`];
  return {
    id: randomUUID(),
    schemaVersion: 1,
    capture: {
      site: 'generic',
      url: pageOf(s),
      title: s,
      capturedAt: '2026-11-25T10:00:00.000Z',
      turns: texts.map((text, i) => ({
        role: i === 0 ? 'user' : 'assistant',
        text,
        ...(i > 0 ? { messageId: i === 1 ? s : `m2 ${s}`, model: s, reasoning: s } : {}),
        anchor: { exact: text, prefix: s, suffix: s },
      })),
    },
    review,
    createdAt: '2026-11-25T10:01:00.000Z',
  };
}

/** Several kinds of review, each with all its free text set to `s`. */
function reviews(s: string): Review[] {
  const common = {
    comment: s,
    activeMs: 1,
    safetyFlags: [{ code: 'dosing_error' as const, severity: 'major' as const, note: s }],
    evidence: [{ kind: 'guideline' as const, text: `G ${s}` }],
  };
  return [
    { kind: 'improve', turn: 1, rewrite: `R ${s}`, ...common },
    { kind: 'pairwise', a: 1, b: 2, preference: 'tie', ...common },
    {
      kind: 'steps',
      turn: 1,
      source: 'reasoning',
      steps: [{ text: s, rating: 0, rewrite: `S ${s}` }],
      finish: 'gave_up',
      continuation: s,
      ...common,
    },
    {
      kind: 'rubric',
      turn: 2,
      criteria: [{ id: s, criterion: s, points: 5, tags: [s], met: false }],
      proposed: [{ criterion: s, points: -2, tags: [s] }],
      ...common,
    },
    {
      kind: 'prompt',
      prompt: s,
      referenceAnswer: s,
      keyPoints: [s, `${s} 2`],
      difficulty: 3,
      ...common,
      specialty: 'critical_care',
    },
  ];
}

function tasks(s: string, i: number): { task: Task; gold?: unknown }[] {
  const common = { title: s, specialty: 'other' as const, estimatedMinutes: 5 };
  const response = { label: s.slice(0, 20), model: s, content: s };
  return [
    {
      task: {
        kind: 'rank_responses',
        id: `inj-${i}-rank`,
        ...common,
        prompt: s,
        // With ids, as the server would otherwise give them: the body then comes back exactly as sent.
        responses: [
          { ...response, id: 'r1' },
          { ...response, id: 'r2' },
        ],
      },
      gold: { [s]: [s, { note: s }] },
    },
    {
      task: {
        kind: 'rubric_grade',
        id: `inj-${i}-rubric`,
        ...common,
        prompt: s,
        response,
        rubric: [{ id: s, criterion: s, points: 3, tags: [s] }],
      },
    },
    { task: { kind: 'write_prompt', id: `inj-${i}-prompt`, ...common, instructions: s, requirements: [s] } },
  ];
}

async function submitAll(): Promise<Submission[]> {
  const sent = NASTY.flatMap((s) => reviews(s).map((review) => submission(s, review)));
  const res = await call(h.expertToken, 'POST', '/v1/submissions/batch', { submissions: sent });
  expect(res.status, await res.clone().text()).toBe(200);
  return sent;
}

async function listed(query: string): Promise<{ status: number; ids: string[] }> {
  const res = await call(h.leadToken, 'GET', `/v1/submissions?limit=500&${query}`);
  const body = await res.json();
  return { status: res.status, ids: (body.submissions ?? []).map((s: { submission: Submission }) => s.submission.id) };
}

it('stores every free-text field byte for byte and changes no other row', async () => {
  // Submissions: captures and five kinds of review.
  const sent = await submitAll();
  const stored = await (await call(h.leadToken, 'GET', '/v1/submissions?limit=500')).json();
  const byId = new Map(stored.submissions.map((s: { submission: Submission }) => [s.submission.id, s.submission]));
  for (const submission of sent) expect(byId.get(submission.id)).toEqual(submission);
  expect(byId.size).toBe(sent.length);

  // Audits: a comment to return, one to reject, and a fixed review.
  const audits = NASTY.flatMap((s, i) => {
    const [improve, pairwise, steps] = sent.slice(i * 5, i * 5 + 3);
    const audit = (of: Submission | undefined, action: string, extra = {}) => ({
      id: randomUUID(),
      submissionId: of?.id,
      action,
      comment: s,
      createdAt: '2026-11-25T12:00:00.000Z',
      ...extra,
    });
    return [
      audit(improve, 'return'),
      audit(pairwise, 'reject'),
      audit(steps, 'fix', { review: { kind: 'improve', turn: 1, rewrite: s, comment: s, activeMs: 0 } }),
    ];
  });
  expect((await call(h.leadToken, 'POST', '/v1/audits/batch', { audits })).status).toBe(200);
  const audited = await (await call(h.leadToken, 'GET', '/v1/submissions?limit=500')).json();
  const auditOf = new Map(
    audited.submissions.map((s: { submission: Submission; audit: unknown }) => [s.submission.id, s.audit]),
  );
  for (const audit of audits) expect(auditOf.get(audit.submissionId)).toEqual(audit);

  // Projects, and tasks with gold answers added to them by a lead.
  const projects: { id: string; name: string }[] = [];
  for (const s of NASTY) {
    const res = await call(h.leadToken, 'POST', '/v1/projects', { name: s, guidelines: s });
    expect(res.status).toBe(201);
    projects.push(await res.json());
  }
  const listedProjects = (await (await call(h.leadToken, 'GET', '/v1/projects')).json()).projects;
  for (const [i, s] of NASTY.entries()) {
    expect(listedProjects).toContainEqual(expect.objectContaining({ id: projects[i]?.id, name: s, guidelines: s }));
  }
  const project = projects[0]?.id;
  const added = NASTY.flatMap(tasks);
  expect((await call(h.leadToken, 'POST', `/v1/projects/${project}/tasks`, { tasks: added })).status).toBe(200);
  for (const { task } of added) {
    const res = await call(h.leadToken, 'POST', `/v1/projects/${project}/assignments`, {
      taskId: task.id,
      userId: h.expertId,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).task).toEqual(task);
  }
  const assigned = (await (await call(h.expertToken, 'GET', '/v1/tasks/assigned')).json()).tasks;
  for (const { task } of added) expect(assigned).toContainEqual(expect.objectContaining({ task }));

  // Comparisons the server makes tasks of, in a blind project.
  const blind = await call(h.leadToken, 'POST', '/v1/projects', { name: 'Blind', blind: {} });
  expect(blind.status).toBe(201);
  const comparisons = NASTY.map((s) => ({
    title: s,
    specialty: 'other',
    estimatedMinutes: 5,
    prompt: s,
    responses: [
      { model: s, content: s },
      { model: `${s} 2`, content: s },
    ],
  }));
  const made = await call(h.leadToken, 'POST', `/v1/projects/${(await blind.json()).id}/comparisons`, { comparisons });
  expect(made.status).toBe(201);
  const madeTasks: Task[] = (await made.json()).tasks;
  for (const [i, s] of NASTY.entries()) {
    expect(madeTasks[i]).toMatchObject({
      title: s,
      prompt: s,
      responses: [{ model: s, content: s }, { model: `${s} 2` }],
    });
  }
  const storedTasks = await h.db.query<{ body: unknown }>('SELECT body FROM tasks WHERE id = ANY($1::text[])', [
    madeTasks.map((t) => t.id),
  ]);
  expect(storedTasks).toHaveLength(NASTY.length);
  expect(storedTasks.map((r) => r.body)).toEqual(expect.arrayContaining(madeTasks));
  // Gold answers never leave the server, so they are read where they are kept.
  const gold = await h.db.query<{ id: string; gold: unknown }>('SELECT id, gold FROM tasks WHERE gold IS NOT NULL');
  for (const task of added.filter((t) => t.gold)) {
    expect(gold.find((g) => g.id === task.task.id)?.gold).toEqual(task.gold);
  }

  await expectIntact({
    submissions: sent.length,
    audits: audits.length,
    projects: NASTY.length + 1,
    tasks: added.length + NASTY.length,
    assignments: added.length,
  });
});

it('matches filters literally, refuses malformed ones with 400 or 404 (never 500), and logs them verbatim', async () => {
  const sent = await submitAll();
  const idsOf = (s: string) =>
    sent
      .filter((x) => x.capture?.title === s)
      .map((x) => x.id)
      .sort();
  const q = encodeURIComponent;

  // Literal matches: by platform message id and by page address.
  for (const s of NASTY) {
    for (const query of [`messageIds=${q(s)}`, `url=${q(pageOf(s))}`]) {
      const { status, ids } = await listed(query);
      expect([query, status, ids.sort()]).toEqual([query, 200, idsOf(s)]);
    }
  }

  // Refusals: each path (with its query) and the status it must get.
  const project = `/v1/projects/${h.projectId}`;
  type Case = readonly [token: string, method: string, path: string, status: number];
  const cases = NASTY.flatMap((s): Case[] => [
    ...['before', 'project', 'expert', 'severity', 'audit', 'disagreement', 'limit', 'url'].map(
      (name): Case => [h.leadToken, 'GET', `/v1/submissions?${name}=${q(s)}`, 400],
    ),
    ...['project', 'from', 'to', 'status', 'pseudonymise', 'ties'].map(
      (name): Case => [h.leadToken, 'GET', `/v1/exports/csv?${name}=${q(s)}`, 400],
    ),
    [h.leadToken, 'GET', `/v1/exports/${q(s)}`, 400],
    [h.leadToken, 'GET', `/v1/tasks/${q(s)}/reviews`, 404],
    [h.leadToken, 'POST', `/v1/projects/${q(s)}/tasks`, 400],
    [h.leadToken, 'POST', `/v1/projects/${q(s)}/claim`, 400],
    [h.leadToken, 'POST', `/v1/projects/${q(s)}/assignments`, 400],
    [h.leadToken, 'GET', `/v1/projects/${q(s)}/agreement`, 400],
    [adminToken, 'GET', `/v1/action-log?before=${q(s)}`, 400],
    [adminToken, 'GET', `/v1/action-log?limit=${q(s)}`, 400],
  ]);
  const bodies: [string, (s: string) => unknown, number][] = [
    [`${project}/assignments`, (s) => ({ taskId: s, userId: h.expertId }), 404],
    [`${project}/assignments`, (s) => ({ taskId: 'clin-t01', userId: s }), 400],
    // Task ids are letters, digits and . _ : - only: of these strings, "_" is one and is added.
    [`${project}/tasks`, (s) => ({ tasks: [{ task: { ...tasks(s, 0)[0]?.task, id: s } }] }), 400],
    ['/v1/audits', (s) => ({ id: randomUUID(), submissionId: s, action: 'accept', comment: '', createdAt: s }), 400],
    // A submission may name any task id: this one is refused as not assigned to the lead.
    ['/v1/submissions/batch', (s) => ({ submissions: [{ ...sent[0], id: randomUUID(), taskId: s }] }), 400],
  ];
  const got: unknown[] = [];
  const want: unknown[] = [];
  for (const [token, method, path, status] of cases) {
    got.push([method, path, (await call(token, method, path)).status]);
    want.push([method, path, status]);
  }
  for (const [path, body, status] of bodies) {
    for (const s of NASTY) {
      got.push([path, s, (await call(h.leadToken, 'POST', path, body(s))).status]);
      want.push([path, s, path.endsWith('/tasks') && s === '_' ? 200 : status]);
    }
  }
  // Task ids may hold "_", a LIKE wildcard: clin_t01 is not clin-t01.
  for (const [id, status] of [
    ['clin-t01', 200],
    ['clin_t01', 404],
    ['clin%', 404],
    ['%25', 404],
  ] as const) {
    got.push([id, (await call(h.leadToken, 'GET', `/v1/tasks/${id}/reviews`)).status]);
    want.push([id, status]);
  }
  expect(got).toEqual(want);

  // The action log kept each filter as it was sent.
  const log = await (await call(adminToken, 'GET', '/v1/action-log?limit=500')).json();
  const filters = log.entries.flatMap((e: { detail: { query?: { messageIds?: string } } }) =>
    e.detail.query?.messageIds !== undefined ? [e.detail.query.messageIds] : [],
  );
  expect(filters.sort()).toEqual([...NASTY].sort());

  await expectIntact({ submissions: sent.length, tasks: 1 });
});
