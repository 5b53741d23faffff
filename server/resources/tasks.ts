/**
 * Tasks as experts receive them, and how tasks are stored. In a blind project
 * each expert gets a ranking's responses in an order of their own (seeded by
 * a server secret, the expert and the task: the same order every time, which
 * no expert can work out), relabelled A, B, C…, and no model names unless the
 * project reveals them after the expert submitted. Every response of a ranking
 * is stored with an id, which is how a review made on that order maps back.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import type { z } from 'zod';
import { blindTask, displayLabel, withResponseIds } from '../../utils/review/blind';
import { type AssignedTask, AssignedTasks, type Comparisons, Task } from '../../utils/schema';
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
  user_id: string;
  /** The project's blind settings; null for a task in no project. */
  blind: boolean | null;
  blind_reveal_models: boolean | null;
  status: AssignedTask['status'];
  assigned_at: Date;
  due_at: Date | null;
  expires_at: Date | null;
  project_id: string | null;
  return_comment: string | null;
  /** 1: the expert's first rating of the task; 2: a re-rating (see migration 0008). */
  attempt: number;
}

/** The columns an AssignmentRow is read from ASSIGNMENT_FROM. */
export const ASSIGNMENT_COLUMNS =
  't.body, t.project_id, a.user_id, a.status, a.assigned_at, a.due_at, a.expires_at, a.return_comment, a.attempt, p.blind, p.blind_reveal_models';

/** Assignments `a` with their tasks `t` and the tasks' projects `p`. */
export const ASSIGNMENT_FROM = `assignments a JOIN tasks t ON t.team_id = a.team_id AND t.id = a.task_id
  LEFT JOIN projects p ON p.id = t.project_id`;

/** A reservation is active until it expires; other assignments always are. */
export const ACTIVE_ASSIGNMENT = "(a.status <> 'reserved' OR a.expires_at > now())";

/** The secret that keys each expert's order of a blind task's responses (made by migration 0009). */
async function blindKey(db: Queryable): Promise<string> {
  const [secret] = await db.query<{ value: string }>("SELECT value FROM server_secrets WHERE name = 'blind_order_key'");
  if (!secret) throw new Error('The blind order key is missing: run the migrations');
  return secret.value;
}

/** The task as the row's expert sees it: blinded in a blind project (see utils/review/blind.ts). */
function servedTask(row: AssignmentRow, key: string | undefined): Task {
  const task = Task.parse(row.body);
  if (!row.blind) return task;
  if (key === undefined) throw new Error('A blind task is served without the blind order key');
  return blindTask(task, {
    seed: createHmac('sha256', key).update(`${row.user_id}\u0000${task.id}`).digest('hex'),
    revealModels: row.blind_reveal_models === true && row.status === 'submitted',
  });
}

/** Assignments as their experts see them. */
export async function assignedTasks(db: Queryable, rows: AssignmentRow[]): Promise<AssignedTask[]> {
  const key = rows.some((row) => row.blind) ? await blindKey(db) : undefined;
  return rows.map((row) => assignedTask(row, key));
}

function assignedTask(row: AssignmentRow, key: string | undefined): AssignedTask {
  return {
    task: servedTask(row, key),
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
           FROM ${ASSIGNMENT_FROM}
          WHERE a.user_id = $1 AND ${ACTIVE_ASSIGNMENT}
          ORDER BY a.task_id, a.attempt DESC
       ) latest
       ORDER BY latest.assigned_at, latest.task_id`,
      [user.id],
    );
    return c.json({ tasks: await assignedTasks(db, rows) }, 200);
  });
}

/** A new id for a response: random, so that it says nothing about the response's model or place. */
function newResponseId(): string {
  return `r-${randomUUID()}`;
}

/** The ranking task made of a comparison: every response with a fresh id, labelled A, B, C… as given. */
export function comparisonTask(comparison: z.infer<typeof Comparisons>['comparisons'][number]): Task {
  const { id, responses, ...rest } = comparison;
  return Task.parse({
    kind: 'rank_responses',
    id: id ?? `cmp-${randomUUID()}`,
    ...rest,
    responses: responses.map((r, i) => ({ id: newResponseId(), label: displayLabel(i), ...r })),
  });
}

/**
 * Adds tasks to a team (and a project), replacing any with the same id; a gold
 * task carries its expected answer. A ranking's response without an id gets
 * one: the id it had in the task replaced, if its content is unchanged.
 */
export async function upsertTasks(
  db: Queryable,
  teamId: string,
  tasks: { task: Task; gold?: unknown }[],
  projectId?: string,
): Promise<void> {
  for (const { task: given, gold } of tasks) {
    let task = given;
    if (given.kind === 'rank_responses' && given.responses.some((r) => r.id === undefined)) {
      const [stored] = await db.query<{ body: unknown }>('SELECT body FROM tasks WHERE team_id = $1 AND id = $2', [
        teamId,
        given.id,
      ]);
      task = withResponseIds(given, stored && Task.parse(stored.body), newResponseId);
    }
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
