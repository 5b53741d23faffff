/**
 * Projects and how their tasks reach experts: an expert claims the next
 * eligible task, atomically (the task row is locked with FOR UPDATE SKIP
 * LOCKED, so no task ever goes to more experts than its overlap, however many
 * claim at once), and holds it for the project's reservation time; an expired
 * reservation returns the task to the pool. Leads also assign tasks to named
 * experts. An expert never gets a task they hold or have submitted, except as
 * a re-rating: where the project re-rates, a share of each expert's completed
 * tasks comes back to them once the washout has passed (claimRerating).
 */
import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { projectAgreement } from '../../utils/agreement/project';
import {
  AgreementReport,
  ApiError,
  AssignedTask,
  Comparisons,
  ComparisonTasks,
  NamedAssignment,
  Project,
  ProjectSettings,
  Projects,
  ProjectTasks,
  Submission,
} from '../../utils/schema';
import { type Api, bearer, type Deps, errorResponses, jsonBody, jsonReply } from '../api';
import { type AuthUser, requireRole } from '../auth';
import type { Queryable } from '../db/database';
import { HttpError, invalid } from '../errors';
import {
  ACTIVE_ASSIGNMENT,
  ASSIGNMENT_COLUMNS,
  ASSIGNMENT_FROM,
  type AssignmentRow,
  assignedTasks,
  comparisonTask,
  upsertTasks,
} from './tasks';

const projectId = z.object({ id: z.uuid() });
const notFound = { 404: jsonReply(ApiError, 'No such project in your team') };

interface ProjectRow {
  id: string;
  name: string;
  guidelines: string;
  overlap: number;
  reservation_minutes: number;
  specialty: string | null;
  gold_rate: number;
  allow_calibration: boolean;
  assessment: unknown;
  rerating_share: number | null;
  rerating_washout_days: number | null;
  blind: boolean;
  blind_reveal_models: boolean;
}

function projectOf(row: ProjectRow): Project {
  return Project.parse({
    id: row.id,
    name: row.name,
    guidelines: row.guidelines,
    overlap: row.overlap,
    reservationMinutes: row.reservation_minutes,
    ...(row.specialty ? { specialty: row.specialty } : {}),
    goldRate: row.gold_rate,
    allowCalibration: row.allow_calibration,
    assessment: row.assessment,
    ...(row.rerating_share !== null && row.rerating_washout_days !== null
      ? { rerating: { share: row.rerating_share, washoutDays: row.rerating_washout_days } }
      : {}),
    ...(row.blind ? { blind: { revealModels: row.blind_reveal_models } } : {}),
  });
}

/** The project, if it is the user's team's (admins see every team's). */
async function findProject(db: Queryable, user: AuthUser, id: string): Promise<ProjectRow & { team_id: string }> {
  const [row] = await db.query<ProjectRow & { team_id: string }>(
    'SELECT * FROM projects WHERE id = $1 AND ($2::uuid IS NULL OR team_id = $2)',
    [id, user.role === 'admin' ? null : user.teamId],
  );
  if (!row) throw new HttpError(404, 'not_found', `No project ${id} in your team`);
  return row;
}

const createProject = createRoute({
  method: 'post',
  path: '/v1/projects',
  summary: 'Create a project in your team (leads and admins)',
  security: bearer,
  request: { body: jsonBody(ProjectSettings) },
  responses: { 201: jsonReply(Project, 'The project'), ...errorResponses },
});

const listProjects = createRoute({
  method: 'get',
  path: '/v1/projects',
  summary: "Your team's projects, with their guidelines",
  security: bearer,
  responses: { 200: jsonReply(Projects, 'Projects'), ...errorResponses },
});

const addTasks = createRoute({
  method: 'post',
  path: '/v1/projects/{id}/tasks',
  summary: 'Add tasks (and gold tasks with their expected answers) to a project',
  security: bearer,
  request: { params: projectId, body: jsonBody(ProjectTasks) },
  responses: { 200: jsonReply(z.object({ added: z.int() }), 'Added'), ...errorResponses, ...notFound },
});

const addComparisons = createRoute({
  method: 'post',
  path: '/v1/projects/{id}/comparisons',
  summary:
    'Make blind comparison tasks of responses from different models: pairwise for two, a ranking for more (leads and admins, blind projects)',
  security: bearer,
  request: { params: projectId, body: jsonBody(Comparisons) },
  responses: {
    201: jsonReply(ComparisonTasks, 'The tasks as stored, with their response ids and models'),
    ...errorResponses,
    ...notFound,
    409: jsonReply(ApiError, 'The project is not blind, or a task id is taken'),
  },
});

const claim = createRoute({
  method: 'post',
  path: '/v1/projects/{id}/claim',
  summary: 'Reserve the next task of the project for you',
  security: bearer,
  request: { params: projectId },
  responses: {
    200: jsonReply(AssignedTask, 'The task, reserved for you'),
    204: { description: 'No task is waiting for you in this project' },
    ...errorResponses,
    ...notFound,
  },
});

const assign = createRoute({
  method: 'post',
  path: '/v1/projects/{id}/assignments',
  summary: 'Assign a task of the project to a named expert (leads and admins)',
  security: bearer,
  request: { params: projectId, body: jsonBody(NamedAssignment) },
  responses: { 200: jsonReply(AssignedTask, 'The assignment'), ...errorResponses, ...notFound },
});

const agreement = createRoute({
  method: 'get',
  path: '/v1/projects/{id}/agreement',
  summary: "How well the project's experts agree, and with gold answers (leads and admins)",
  security: bearer,
  request: { params: projectId },
  responses: { 200: jsonReply(AgreementReport, 'Agreement statistics'), ...errorResponses, ...notFound },
});

/** How many tries a claim makes when the candidates it locks filled up meanwhile. */
const CLAIM_TRIES = 5;

async function claimNext(tx: Queryable, user: AuthUser, project: ProjectRow & { team_id: string }, gold: boolean) {
  const skipped: string[] = [];
  for (let tries = 0; tries < CLAIM_TRIES; tries++) {
    const [candidate] = await tx.query<{ id: string }>(
      `SELECT t.id FROM tasks t
        WHERE t.team_id = $1 AND t.project_id = $2 AND (t.gold IS NOT NULL) = $3 AND NOT (t.id = ANY($5::text[]))
          AND NOT EXISTS (SELECT 1 FROM assignments a
                           WHERE a.team_id = t.team_id AND a.task_id = t.id AND a.user_id = $4 AND ${ACTIVE_ASSIGNMENT})
          AND (SELECT count(*) FROM assignments a
                WHERE a.team_id = t.team_id AND a.task_id = t.id AND a.attempt = 1 AND ${ACTIVE_ASSIGNMENT}) < $6
        ORDER BY t.created_at, t.id
        LIMIT 1
        FOR UPDATE OF t SKIP LOCKED`,
      [project.team_id, project.id, gold, user.id, skipped, project.overlap],
    );
    if (!candidate) return undefined;
    // The row lock is ours: only a holder of it adds assignments to this task, so this count is exact.
    // Re-ratings (attempt 2) take no place in the overlap: their expert is already counted.
    const [{ active } = { active: 0 }] = await tx.query<{ active: number }>(
      `SELECT count(*)::int AS active FROM assignments a
        WHERE a.team_id = $1 AND a.task_id = $2 AND a.attempt = 1 AND ${ACTIVE_ASSIGNMENT}`,
      [project.team_id, candidate.id],
    );
    if (active >= project.overlap) {
      skipped.push(candidate.id);
      continue;
    }
    // An expired reservation of this expert on this task is replaced by the new one.
    const [row] = await tx.query<{ assigned_at: Date }>(
      `INSERT INTO assignments (team_id, task_id, user_id, status, expires_at)
       VALUES ($1, $2, $3, 'reserved', now() + make_interval(mins => $4))
       ON CONFLICT (team_id, task_id, user_id, attempt)
       DO UPDATE SET status = 'reserved', expires_at = EXCLUDED.expires_at, assigned_at = now()
       WHERE assignments.status = 'reserved' AND assignments.expires_at <= now()
       RETURNING assigned_at`,
      [project.team_id, candidate.id, user.id, project.reservation_minutes],
    );
    if (!row) {
      skipped.push(candidate.id);
      continue;
    }
    return candidate.id;
  }
  return undefined;
}

/** Whether a re-rating is due, by the project's share of the expert's completed tasks: never more than that share. */
export function reratingDue(share: number, completed: number, reratings: number): boolean {
  // The share is stored as a double: 0.29 × 100 must give 29, not 28.999….
  return reratings < Math.floor(share * completed + 1e-9);
}

/**
 * Reserves a re-rating for the expert if one is due: one of their own
 * completed tasks (first rating submitted, never re-rated) whose washout since
 * their latest rating of it has passed, in an order fixed per expert and task
 * but unrelated to when they rated it (so the re-rated tasks are no sample of
 * their earliest work). Returns the task id, or undefined.
 */
async function claimRerating(
  tx: Queryable,
  user: AuthUser,
  project: ProjectRow & { team_id: string },
): Promise<string | undefined> {
  const { rerating_share: share, rerating_washout_days: washoutDays } = project;
  if (share === null || washoutDays === null) return undefined;
  // One re-rating claim at a time per expert: the count below is acted on before it can change.
  await tx.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [user.id]);
  const [counts = { completed: 0, reratings: 0 }] = await tx.query<{ completed: number; reratings: number }>(
    `SELECT count(*) FILTER (WHERE a.attempt = 1 AND a.status = 'submitted')::int AS completed,
            count(*) FILTER (WHERE a.attempt = 2 AND ${ACTIVE_ASSIGNMENT})::int AS reratings
       FROM assignments a JOIN tasks t ON t.team_id = a.team_id AND t.id = a.task_id
      WHERE a.team_id = $1 AND t.project_id = $2 AND a.user_id = $3`,
    [project.team_id, project.id, user.id],
  );
  if (!reratingDue(share, counts.completed, counts.reratings)) return undefined;
  const [candidate] = await tx.query<{ task_id: string }>(
    `SELECT a.task_id FROM assignments a JOIN tasks t ON t.team_id = a.team_id AND t.id = a.task_id
      WHERE a.team_id = $1 AND t.project_id = $2 AND a.user_id = $3 AND a.attempt = 1 AND a.status = 'submitted'
        AND NOT EXISTS (SELECT 1 FROM assignments r
                         WHERE r.team_id = a.team_id AND r.task_id = a.task_id AND r.user_id = a.user_id
                           AND r.attempt = 2 AND (r.status <> 'reserved' OR r.expires_at > now()))
        AND (SELECT max(s.received_at) FROM submissions s
              WHERE s.team_id = a.team_id AND s.task_id = a.task_id AND s.user_id = a.user_id AND s.attempt = 1)
            <= now() - make_interval(days => $4)
      ORDER BY md5(a.user_id::text || '/' || a.task_id)
      LIMIT 1`,
    [project.team_id, project.id, user.id, washoutDays],
  );
  if (!candidate) return undefined;
  // An expired reservation of this re-rating is replaced; the database checks the washout again (migration 0008).
  const [row] = await tx.query<{ task_id: string }>(
    `INSERT INTO assignments (team_id, task_id, user_id, attempt, status, expires_at)
     VALUES ($1, $2, $3, 2, 'reserved', now() + make_interval(mins => $4))
     ON CONFLICT (team_id, task_id, user_id, attempt)
     DO UPDATE SET status = 'reserved', expires_at = EXCLUDED.expires_at, assigned_at = now(), return_comment = NULL
     WHERE assignments.status = 'reserved' AND assignments.expires_at <= now()
     RETURNING task_id`,
    [project.team_id, candidate.task_id, user.id, project.reservation_minutes],
  );
  return row?.task_id;
}

async function assignmentOf(
  db: Queryable,
  teamId: string,
  taskId: string,
  userId: string,
  attempt = 1,
): Promise<AssignedTask> {
  const rows = await db.query<AssignmentRow>(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENT_FROM}
      WHERE a.team_id = $1 AND a.task_id = $2 AND a.user_id = $3 AND a.attempt = $4`,
    [teamId, taskId, userId, attempt],
  );
  const [assigned] = await assignedTasks(db, rows);
  if (!assigned) throw new Error(`Assignment of ${taskId} to ${userId} vanished`);
  return assigned;
}

export function registerProjects(app: Api, { db, random = Math.random }: Deps): void {
  app.openapi(createProject, async (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const p = c.req.valid('json');
    const id = randomUUID();
    await db.query(
      `INSERT INTO projects (id, team_id, name, guidelines, overlap, reservation_minutes, specialty, gold_rate,
                             allow_calibration, rerating_share, rerating_washout_days, assessment, blind, blind_reveal_models)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14)`,
      [
        id,
        user.teamId,
        p.name,
        p.guidelines,
        p.overlap,
        p.reservationMinutes,
        p.specialty ?? null,
        p.goldRate,
        p.allowCalibration,
        p.rerating?.share ?? null,
        p.rerating?.washoutDays ?? null,
        JSON.stringify(p.assessment),
        p.blind !== undefined,
        p.blind?.revealModels ?? false,
      ],
    );
    return c.json(projectOf(await findProject(db, user, id)), 201);
  });

  app.openapi(listProjects, async (c) => {
    const user = c.get('user');
    const rows = await db.query<ProjectRow>(
      'SELECT * FROM projects WHERE $1::uuid IS NULL OR team_id = $1 ORDER BY created_at, id',
      [user.role === 'admin' ? null : user.teamId],
    );
    return c.json({ projects: rows.map(projectOf) }, 200);
  });

  app.openapi(addTasks, async (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const project = await findProject(db, user, c.req.valid('param').id);
    const { tasks } = c.req.valid('json');
    await db.transaction((tx) => upsertTasks(tx, project.team_id, tasks, project.id));
    // Experts claim a project's tasks as soon as they are added, before autovacuum has looked at the tables:
    // without statistics, PostgreSQL plans the claim's per-expert check as a scan of the team's assignments
    // (about 4× slower under 50 concurrent experts: bench/server.ts).
    await db.query('ANALYZE tasks, assignments');
    return c.json({ added: tasks.length }, 200);
  });

  app.openapi(addComparisons, async (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const project = await findProject(db, user, c.req.valid('param').id);
    // Outside a blind project the experts would see the models and the order given: not a blind comparison.
    if (!project.blind) {
      throw new HttpError(409, 'conflict', `Project ${project.id} is not blind: comparisons go to a blind project`);
    }
    const { comparisons } = c.req.valid('json');
    const ids = new Set<string>();
    comparisons.forEach(({ id }, i) => {
      if (id === undefined) return;
      if (ids.has(id)) throw invalid([{ path: `comparisons.${i}.id`, message: `Task id ${id} is used twice` }]);
      ids.add(id);
    });
    const tasks = comparisons.map(comparisonTask);
    await db.transaction(async (tx) => {
      for (const [i, task] of tasks.entries()) {
        // Never replaced: reviews of a comparison point at its response ids, which a new body would not have.
        const [added] = await tx.query(
          `INSERT INTO tasks (team_id, id, body, project_id) VALUES ($1, $2, $3::jsonb, $4)
           ON CONFLICT (team_id, id) DO NOTHING RETURNING id`,
          [project.team_id, task.id, JSON.stringify(task), project.id],
        );
        if (!added) {
          const message = `A task ${task.id} exists already in the team`;
          throw new HttpError(409, 'conflict', message, [{ path: `comparisons.${i}.id`, message }]);
        }
      }
    });
    // As for added tasks: experts claim them at once, and the claim's plan needs statistics.
    await db.query('ANALYZE tasks, assignments');
    return c.json({ tasks }, 201);
  });

  app.openapi(claim, async (c) => {
    const user = c.get('user');
    const project = await findProject(db, user, c.req.valid('param').id);
    // Work goes to the project's own team: an admin of another team sees the project but is no expert of it.
    if (project.team_id !== user.teamId) throw new HttpError(404, 'not_found', `No project ${project.id} in your team`);
    if (project.specialty && user.specialty !== project.specialty) {
      throw new HttpError(403, 'forbidden', `This project is for ${project.specialty.replaceAll('_', ' ')} experts`);
    }
    const claimed = await db.transaction(async (tx) => {
      // A due re-rating comes first, so the share holds however many new tasks are left.
      const rerating = await claimRerating(tx, user, project);
      if (rerating) return { taskId: rerating, attempt: 2 };
      // Gold tasks are mixed in at the project's rate; when one kind has none left, the other serves.
      const goldFirst = random() < project.gold_rate;
      const taskId =
        (await claimNext(tx, user, project, goldFirst)) ?? (await claimNext(tx, user, project, !goldFirst));
      return taskId ? { taskId, attempt: 1 } : undefined;
    });
    if (!claimed) return c.body(null, 204);
    return c.json(await assignmentOf(db, project.team_id, claimed.taskId, user.id, claimed.attempt), 200);
  });

  app.openapi(agreement, async (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const project = await findProject(db, user, c.req.valid('param').id);
    // Each expert's latest review of each task, and of their re-rating of it: a detail added later supersedes a quick rating.
    const rows = await db.query<{
      task_id: string;
      user_id: string;
      attempt: number;
      name: string;
      body: unknown;
      gold: unknown;
    }>(
      `SELECT DISTINCT ON (s.task_id, s.user_id, s.attempt) s.task_id, s.user_id, s.attempt, u.name, s.body, t.gold
         FROM submissions s
         JOIN tasks t ON t.team_id = s.team_id AND t.id = s.task_id
         JOIN users u ON u.id = s.user_id
        WHERE t.team_id = $1 AND t.project_id = $2
        ORDER BY s.task_id, s.user_id, s.attempt, s.received_at DESC`,
      [project.team_id, project.id],
    );
    const report = projectAgreement(
      rows.map((row) => {
        const { review, capture } = Submission.parse(row.body);
        return {
          taskId: row.task_id,
          expert: { id: row.user_id, name: row.name },
          review,
          ...(capture ? { capture } : {}),
          ...(row.gold !== null ? { gold: row.gold } : {}),
          ...(row.attempt > 1 ? { rerating: true as const } : {}),
        };
      }),
    );
    return c.json(report, 200);
  });

  app.openapi(assign, async (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const project = await findProject(db, user, c.req.valid('param').id);
    const { taskId, userId, dueAt } = c.req.valid('json');
    const [task] = await db.query('SELECT 1 FROM tasks WHERE team_id = $1 AND id = $2 AND project_id = $3', [
      project.team_id,
      taskId,
      project.id,
    ]);
    const [expert] = await db.query('SELECT 1 FROM users WHERE id = $1 AND team_id = $2', [userId, project.team_id]);
    if (!task || !expert)
      throw new HttpError(404, 'not_found', 'No such task in this project, or no such expert in the team');
    await db.query(
      `INSERT INTO assignments (team_id, task_id, user_id, status, due_at) VALUES ($1, $2, $3, 'assigned', $4)
       ON CONFLICT (team_id, task_id, user_id, attempt) DO UPDATE SET status = 'assigned', expires_at = NULL, due_at = EXCLUDED.due_at
       WHERE assignments.status IN ('reserved', 'assigned')`,
      [project.team_id, taskId, userId, dueAt ?? null],
    );
    return c.json(await assignmentOf(db, project.team_id, taskId, userId), 200);
  });
}
