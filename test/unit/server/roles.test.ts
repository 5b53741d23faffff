/**
 * Every operation of the OpenAPI document, called by every kind of caller:
 * nobody, the team's expert, the team's lead, a lead of another team and an
 * admin (who belongs to that other team). A new route without a row here
 * fails the first test, so access is decided on purpose for each one.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToken } from '../../../server/auth';
import { clinicalTasks } from '../../../server/demo/seed';
import { createTeam, createUser } from '../../../server/people';
import { sampleSubmission } from '../support/samples';
import { type Harness, harness } from './harness';

type Caller = 'expert' | 'lead' | 'foreignLead' | 'admin';

interface World {
  h: Harness;
  tokens: Record<Caller, string>;
  /** A submission of the team's expert on a task of the team's project. */
  submissionId: string;
  /** A blind project of the team, where comparisons go. */
  blindProjectId: string;
}

interface Call {
  path: string;
  body?: unknown;
}

const decision = (submissionId: string) => ({
  id: randomUUID(),
  submissionId,
  action: 'accept',
  comment: '',
  createdAt: '2026-11-25T12:00:00.000Z',
});

/** Statuses per caller. An admin reaches every team's data, but is no expert of another team's project. */
const OPERATIONS: Record<
  string,
  {
    call: (w: World) => Call;
    expect: Record<Caller, number> /** What an admin of another team finds in the answer. */;
    adminSees?: (w: World) => string;
  }
> = {
  'GET /v1/me': {
    call: () => ({ path: '/v1/me' }),
    expect: { expert: 200, lead: 200, foreignLead: 200, admin: 200 },
  },
  'GET /v1/tasks/assigned': {
    call: () => ({ path: '/v1/tasks/assigned' }),
    expect: { expert: 200, lead: 200, foreignLead: 200, admin: 200 },
  },
  'GET /v1/tasks/{id}/reviews': {
    call: () => ({ path: '/v1/tasks/clin-t01/reviews' }),
    expect: { expert: 200, lead: 200, foreignLead: 404, admin: 200 },
    adminSees: (w) => w.submissionId,
  },
  'POST /v1/submissions/batch': {
    call: () => ({ path: '/v1/submissions/batch', body: { submissions: [sampleSubmission()] } }),
    expect: { expert: 200, lead: 200, foreignLead: 200, admin: 200 },
  },
  'GET /v1/submissions': {
    call: () => ({ path: '/v1/submissions' }),
    expect: { expert: 403, lead: 200, foreignLead: 200, admin: 200 },
    adminSees: (w) => w.submissionId,
  },
  'POST /v1/audits': {
    call: (w) => ({ path: '/v1/audits', body: decision(w.submissionId) }),
    expect: { expert: 403, lead: 200, foreignLead: 404, admin: 200 },
  },
  'POST /v1/audits/batch': {
    call: (w) => ({ path: '/v1/audits/batch', body: { audits: [decision(w.submissionId)] } }),
    expect: { expert: 403, lead: 200, foreignLead: 404, admin: 200 },
  },
  'GET /v1/exports/{format}': {
    call: () => ({ path: '/v1/exports/csv' }),
    expect: { expert: 403, lead: 200, foreignLead: 200, admin: 200 },
    adminSees: (w) => w.submissionId,
  },
  'POST /v1/projects': {
    call: () => ({ path: '/v1/projects', body: { name: 'Stroke study', guidelines: 'Rate the answer.' } }),
    expect: { expert: 403, lead: 201, foreignLead: 201, admin: 201 },
  },
  'POST /v1/invites': {
    call: () => ({ path: '/v1/invites', body: { name: 'Dr. New Member' } }),
    expect: { expert: 403, lead: 201, foreignLead: 201, admin: 201 },
  },
  'GET /v1/projects': {
    call: () => ({ path: '/v1/projects' }),
    expect: { expert: 200, lead: 200, foreignLead: 200, admin: 200 },
    adminSees: (w) => w.h.projectId,
  },
  'POST /v1/projects/{id}/tasks': {
    call: (w) => ({
      path: `/v1/projects/${w.h.projectId}/tasks`,
      body: { tasks: [{ task: { ...clinicalTasks()[0], id: 'added-task' } }] },
    }),
    expect: { expert: 403, lead: 200, foreignLead: 404, admin: 200 },
  },
  'POST /v1/projects/{id}/comparisons': {
    call: (w) => ({
      path: `/v1/projects/${w.blindProjectId}/comparisons`,
      body: {
        comparisons: [
          {
            title: 'Fever in a returning traveller',
            specialty: 'internal_medicine',
            estimatedMinutes: 5,
            prompt: 'What first?',
            responses: [
              { model: 'model-alpha', content: 'Malaria smear.' },
              { model: 'model-beta', content: 'Blood cultures.' },
            ],
          },
        ],
      },
    }),
    expect: { expert: 403, lead: 201, foreignLead: 404, admin: 201 },
  },
  'POST /v1/projects/{id}/claim': {
    call: (w) => ({ path: `/v1/projects/${w.h.projectId}/claim` }),
    // Work is handed to the project's own team: an admin of another team claims nothing.
    expect: { expert: 200, lead: 200, foreignLead: 404, admin: 404 },
  },
  'POST /v1/projects/{id}/assignments': {
    call: (w) => ({
      path: `/v1/projects/${w.h.projectId}/assignments`,
      body: { taskId: 'clin-t02', userId: w.h.expertId },
    }),
    expect: { expert: 403, lead: 200, foreignLead: 404, admin: 200 },
  },
  'GET /v1/action-log': {
    call: () => ({ path: '/v1/action-log' }),
    // Every team's leads and admins are in it: for admins only.
    expect: { expert: 403, lead: 403, foreignLead: 403, admin: 200 },
  },
  'GET /v1/projects/{id}/agreement': {
    call: (w) => ({ path: `/v1/projects/${w.h.projectId}/agreement` }),
    expect: { expert: 403, lead: 200, foreignLead: 404, admin: 200 },
  },
};

let world: World;
beforeEach(async () => {
  const h = await harness();
  const otherTeam = await createTeam(h.db, 'Another team');
  const foreignLead = await createUser(h.db, { teamId: otherTeam, name: 'Dr. Other Lead', role: 'lead' });
  const admin = await createUser(h.db, { teamId: otherTeam, name: 'Admin', role: 'admin' });
  const submission = { ...sampleSubmission(), taskId: 'clin-t01' };
  const sent = await h.call('POST', '/v1/submissions/batch', {
    token: h.expertToken,
    body: { submissions: [submission] },
  });
  expect(sent.status).toBe(200);
  const blind = await h.call('POST', '/v1/projects', { token: h.leadToken, body: { name: 'Blind', blind: {} } });
  expect(blind.status).toBe(201);
  world = {
    h,
    submissionId: submission.id,
    blindProjectId: (await blind.json()).id,
    tokens: {
      expert: h.expertToken,
      lead: h.leadToken,
      foreignLead: await createToken(h.db, foreignLead),
      admin: await createToken(h.db, admin),
    },
  };
});
afterEach(() => world.h.db.close());

async function request(operation: string, token?: string): Promise<{ sent: string; res: Response }> {
  const [method = '', template = ''] = operation.split(' ');
  const spec = OPERATIONS[operation];
  if (!spec) throw new Error(`No row for ${operation}`);
  const { path, body } = spec.call(world);
  expect(path.startsWith(template.replace(/\{.*$/, ''))).toBe(true);
  const res = await world.h.call(method, path, {
    ...(token ? { token } : {}),
    ...(body !== undefined ? { body } : {}),
  });
  return { sent: path + JSON.stringify(body ?? null), res };
}

describe('access to every operation', () => {
  it('has a row for every operation of the OpenAPI document', async () => {
    const doc = await (await world.h.call('GET', '/v1/openapi.json')).json();
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // Public: health, and the invite exchange, which is how a token is got (test/unit/server/invites.test.ts).
    const open = ['GET /v1/health', 'POST /v1/invites/redeem'];
    expect(operations.filter((o) => !open.includes(o)).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it.each(Object.keys(OPERATIONS))('%s needs a token', async (operation) => {
    expect((await request(operation)).res.status).toBe(401);
  });

  const cases = Object.entries(OPERATIONS).flatMap(([operation, spec]) =>
    (Object.entries(spec.expect) as [Caller, number][]).map(([caller, status]) => [operation, caller, status] as const),
  );
  it.each(cases)('%s by %s answers %i', async (operation, caller, status) => {
    const { sent, res } = await request(operation, world.tokens[caller]);
    const text = await res.text();
    expect(res.status, text).toBe(status);
    if (caller === 'foreignLead') {
      // Whatever a lead of another team is answered, none of this team's data is in it (beyond what they sent).
      const secrets = [world.h.teamId, world.h.projectId, world.submissionId, 'Demo clinical team', 'clin-t01'];
      for (const secret of secrets.filter((s) => !sent.includes(s))) expect(text).not.toContain(secret);
    }
    const adminSees = OPERATIONS[operation]?.adminSees;
    if (caller === 'admin' && adminSees) expect(text).toContain(adminSees(world));
  });
});
