import { createRoute } from '@hono/zod-openapi';
import { type AssignedTask, AssignedTasks, Task } from '../../utils/schema';
import { type Api, bearer, type Deps, errorResponses, jsonReply } from '../api';
import type { Queryable } from '../db/database';

const listAssigned = createRoute({
  method: 'get',
  path: '/v1/tasks/assigned',
  summary: "The signed-in expert's assigned tasks, oldest assignment first; a re-rated task once, as its re-rating",
  security: bearer,
  responses: { 200: jsonReply(AssignedTasks, 'Assigned tasks with their status'), ...errorResponses },
});

export interface AssignmentRow {
  body: unknown;
  status: AssignedTask['status'];
  assigned_at: Date;
  due_at: Date | null;
  expires_at: Date | null;
  project_id: string | null;
  return_comment: string | null;
  /** 1: the expert's first rating of the task; 2: a re-rating (see migration 0008). */
  attempt: number;
}

/** The columns an AssignmentRow is read from, with `a` the assignment and `t` the task. */
export const ASSIGNMENT_COLUMNS =
  't.body, t.project_id, a.status, a.assigned_at, a.due_at, a.expires_at, a.return_comment, a.attempt';

/** A reservation is active until it expires; other assignments always are. */
export const ACTIVE_ASSIGNMENT = "(a.status <> 'reserved' OR a.expires_at > now())";

export function assignedTask(row: AssignmentRow): AssignedTask {
  return {
    task: Task.parse(row.body),
    status: row.status,
    assignedAt: row.assigned_at.toISOString(),
    ...(row.due_at ? { dueAt: row.due_at.toISOString() } : {}),
    ...(row.expires_at && row.status === 'reserved' ? { expiresAt: row.expires_at.toISOString() } : {}),
    ...(row.project_id ? { projectId: row.project_id } : {}),
    ...(row.return_comment ? { returnComment: row.return_comment } : {}),
    ...(row.attempt > 1 ? { rerating: true as const } : {}),
  };
}

export function registerTasks(app: Api, { db }: Deps): void {
  app.openapi(listAssigned, async (c) => {
    const user = c.get('user');
    // A task is listed once, by its latest attempt: the extension knows tasks by id, and a re-rating
    // replaces the first rating in the list rather than sitting beside it.
    const rows = await db.query<AssignmentRow>(
      `SELECT * FROM (
         SELECT DISTINCT ON (a.task_id) ${ASSIGNMENT_COLUMNS}, a.task_id
           FROM assignments a JOIN tasks t ON t.team_id = a.team_id AND t.id = a.task_id
          WHERE a.user_id = $1 AND ${ACTIVE_ASSIGNMENT}
          ORDER BY a.task_id, a.attempt DESC
       ) latest
       ORDER BY latest.assigned_at, latest.task_id`,
      [user.id],
    );
    return c.json({ tasks: rows.map(assignedTask) }, 200);
  });
}

/** Adds tasks to a team (and a project), replacing any with the same id; a gold task carries its expected answer. */
export async function upsertTasks(
  db: Queryable,
  teamId: string,
  tasks: { task: Task; gold?: unknown }[],
  projectId?: string,
): Promise<void> {
  for (const { task, gold } of tasks) {
    await db.query(
      `INSERT INTO tasks (team_id, id, body, project_id, gold) VALUES ($1, $2, $3::jsonb, $4, $5::jsonb)
       ON CONFLICT (team_id, id) DO UPDATE SET body = EXCLUDED.body, project_id = EXCLUDED.project_id, gold = EXCLUDED.gold`,
      [teamId, task.id, JSON.stringify(task), projectId ?? null, gold === undefined ? null : JSON.stringify(gold)],
    );
  }
}

export async function assignTask(
  db: Queryable,
  assignment: { teamId: string; taskId: string; userId: string; dueAt?: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO assignments (team_id, task_id, user_id, due_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (team_id, task_id, user_id, attempt) DO NOTHING`,
    [assignment.teamId, assignment.taskId, assignment.userId, assignment.dueAt ?? null],
  );
}
