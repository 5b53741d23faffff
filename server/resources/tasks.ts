import { createRoute } from '@hono/zod-openapi';
import { type AssignedTask, AssignedTasks, Task } from '../../utils/schema';
import { type Api, bearer, type Deps, errorResponses, jsonReply } from '../api';
import type { Queryable } from '../db/database';

const listAssigned = createRoute({
  method: 'get',
  path: '/v1/tasks/assigned',
  summary: "The signed-in expert's assigned tasks, oldest assignment first",
  security: bearer,
  responses: { 200: jsonReply(AssignedTasks, 'Assigned tasks with their status'), ...errorResponses },
});

interface AssignmentRow {
  body: unknown;
  status: AssignedTask['status'];
  assigned_at: Date;
  due_at: Date | null;
  return_comment: string | null;
}

export function registerTasks(app: Api, { db }: Deps): void {
  app.openapi(listAssigned, async (c) => {
    const user = c.get('user');
    const rows = await db.query<AssignmentRow>(
      `SELECT t.body, a.status, a.assigned_at, a.due_at, a.return_comment
         FROM assignments a JOIN tasks t ON t.team_id = a.team_id AND t.id = a.task_id
        WHERE a.user_id = $1
        ORDER BY a.assigned_at, a.task_id`,
      [user.id],
    );
    const tasks = rows.map(
      (row): AssignedTask => ({
        task: Task.parse(row.body),
        status: row.status,
        assignedAt: row.assigned_at.toISOString(),
        ...(row.due_at ? { dueAt: row.due_at.toISOString() } : {}),
        ...(row.return_comment ? { returnComment: row.return_comment } : {}),
      }),
    );
    return c.json({ tasks }, 200);
  });
}

/** Adds tasks to a team, replacing any with the same id. */
export async function upsertTasks(db: Queryable, teamId: string, tasks: Task[]): Promise<void> {
  for (const task of tasks) {
    await db.query(
      `INSERT INTO tasks (team_id, id, body) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (team_id, id) DO UPDATE SET body = EXCLUDED.body`,
      [teamId, task.id, JSON.stringify(task)],
    );
  }
}

export async function assignTask(
  db: Queryable,
  assignment: { teamId: string; taskId: string; userId: string; dueAt?: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO assignments (team_id, task_id, user_id, due_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (team_id, task_id, user_id) DO NOTHING`,
    [assignment.teamId, assignment.taskId, assignment.userId, assignment.dueAt ?? null],
  );
}
