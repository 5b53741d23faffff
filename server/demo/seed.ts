/**
 * Demo data: a team with an expert and a lead, and the twelve synthetic
 * clinical tasks (every kind of review, six specialties) assigned to the
 * expert. The fixtures' expected answers stay out of the tasks: experts
 * never see gold.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Task } from '../../utils/schema';
import type { Database } from '../db/database';
import { createTeam, createUser } from '../people';
import { assignTask, upsertTasks } from '../resources/tasks';

const FixtureResponse = z.object({ label: z.string().optional(), model: z.string(), content: z.string() });
const FixtureTask = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  specialty: z.string(),
  difficulty: z.number(),
  estimated_minutes: z.number(),
  prompt: z.string(),
  response: FixtureResponse.optional(),
  responses: z.array(FixtureResponse).optional(),
  rubric: z
    .array(z.object({ id: z.string(), criterion: z.string(), points: z.number(), tags: z.array(z.string()) }))
    .optional(),
  instructions: z.string().optional(),
  requirements: z.array(z.string()).optional(),
});

/** Turns one task of the clinical fixture into a Task, dropping its answers. */
function taskFromFixture(input: unknown): Task {
  const f = FixtureTask.parse(input);
  const response = f.response && { label: 'A', model: f.response.model, content: f.response.content };
  return Task.parse({
    id: f.id,
    kind: f.kind,
    title: f.title,
    specialty: f.specialty,
    difficulty: f.difficulty,
    estimatedMinutes: f.estimated_minutes,
    ...(f.kind === 'write_prompt'
      ? { instructions: f.instructions, requirements: f.requirements }
      : { prompt: f.prompt }),
    ...(f.kind === 'rank_responses'
      ? {
          responses: f.responses?.map((r, i) => ({
            label: r.label ?? String.fromCharCode(65 + i),
            model: r.model,
            content: r.content,
          })),
        }
      : {}),
    ...(f.kind !== 'rank_responses' && f.kind !== 'write_prompt' ? { response } : {}),
    ...(f.kind === 'rubric_grade' ? { rubric: f.rubric } : {}),
  });
}

export function clinicalTasks(): Task[] {
  const file = JSON.parse(
    readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'clinical', 'tasks.json'), 'utf8'),
  );
  return z
    .object({ tasks: z.array(z.unknown()) })
    .parse(file)
    .tasks.map(taskFromFixture);
}

const DAY_MS = 24 * 3600 * 1000;

export interface DemoPeople {
  teamId: string;
  expertId: string;
  leadId: string;
}

export async function seedDemo(db: Database, now = new Date()): Promise<DemoPeople> {
  return db.transaction(async (tx) => {
    const teamId = await createTeam(tx, 'Demo clinical team');
    const expertId = await createUser(tx, {
      teamId,
      name: 'Dr. Ada Okafor',
      role: 'expert',
      specialty: 'emergency_medicine',
    });
    const leadId = await createUser(tx, { teamId, name: 'Dr. Sam Lee', role: 'lead', specialty: 'internal_medicine' });
    const tasks = clinicalTasks();
    await upsertTasks(
      tx,
      teamId,
      tasks.map((task) => ({ task })),
    );
    for (const [i, task] of tasks.entries()) {
      await assignTask(tx, {
        teamId,
        taskId: task.id,
        userId: expertId,
        dueAt: new Date(now.getTime() + (i + 2) * DAY_MS),
      });
    }
    return { teamId, expertId, leadId };
  });
}

/** The demo people of a database seeded earlier, if any. */
export async function findDemo(db: Database): Promise<DemoPeople | undefined> {
  const [row] = await db.query<DemoPeople>(
    `SELECT t.id AS "teamId",
            (SELECT id FROM users WHERE team_id = t.id AND role = 'expert' ORDER BY created_at LIMIT 1) AS "expertId",
            (SELECT id FROM users WHERE team_id = t.id AND role = 'lead' ORDER BY created_at LIMIT 1) AS "leadId"
       FROM teams t WHERE t.name = 'Demo clinical team' ORDER BY t.created_at LIMIT 1`,
  );
  return row;
}
