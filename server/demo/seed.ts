/**
 * Demo data: a team with two experts and a lead, one project, the twelve
 * synthetic clinical tasks (every kind of review, six specialties) assigned
 * to the first expert, and a chain-of-thought task on the demo chat page's
 * first response assigned to the second. The fixtures' expected answers stay
 * out of the tasks: experts never see gold. A second, blind project holds the
 * two ranking fixtures as blind comparisons of their models, for any expert
 * to claim (none is assigned: the assigned list stays the twelve).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type AssessmentConfig, AXIS_PARTS, Specialty, Task } from '../../utils/schema';
import type { Database } from '../db/database';
import { createTeam, createUser } from '../people';
import { assignTask, comparisonTask, upsertTasks } from '../resources/tasks';
import { demoConversation } from './conversation';

/** Every standard axis, and one question of the project's own, to show how a project adds its questions. */
const DEMO_ASSESSMENT: AssessmentConfig = {
  parts: [...AXIS_PARTS],
  questions: [
    {
      type: 'single',
      id: 'ready_for_audience',
      label: 'Could this answer reach its audience as written?',
      required: true,
      options: [
        { value: 'as_written', label: 'As written' },
        { value: 'after_edits', label: 'After edits' },
        { value: 'not_at_all', label: 'Not at all' },
      ],
    },
  ],
};

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

function fixtureTasks(): unknown[] {
  const file = JSON.parse(
    readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'clinical', 'tasks.json'), 'utf8'),
  );
  return z.object({ tasks: z.array(z.unknown()) }).parse(file).tasks;
}

export function clinicalTasks(): Task[] {
  return fixtureTasks().map(taskFromFixture);
}

/** The ranking fixtures as blind comparisons: the same prompt and responses, each response's model kept from experts. */
function blindComparisons(): Task[] {
  return fixtureTasks()
    .map((input) => FixtureTask.parse(input))
    .filter((f) => f.kind === 'rank_responses')
    .map((f) =>
      comparisonTask({
        id: `blind-${f.id}`,
        title: f.title,
        specialty: Specialty.parse(f.specialty),
        difficulty: f.difficulty,
        estimatedMinutes: f.estimated_minutes,
        prompt: f.prompt,
        responses: (f.responses ?? []).map(({ model, content }) => ({ model, content })),
      }),
    );
}

const DAY_MS = 24 * 3600 * 1000;

export interface DemoPeople {
  teamId: string;
  expertId: string;
  leadId: string;
  /** The second expert, who reviews the demo page's chain of thought for a task. */
  secondExpertId: string;
  projectId: string;
}

/** The task the demo chat page's first response is reviewed for. */
export const DEMO_PAGE_TASK = 'demo-sepsis-cot';

const GUIDELINES = `## How we review

- **Judge against current guidelines**, and name the guideline in *Evidence* when you rely on one.
- **Chain of thought:** rate every step **+1** (correct and useful), **0** (not wrong, no progress) or **−1** (wrong).
  Correct the first wrong step; later steps are judged on their own.
- **Safety flags** are for what could harm a patient if followed. Mark them *critical* when the harm is immediate.
- **Rewrites** keep the response's structure; fix what is wrong, do not restyle what is right.
- Never paste patient data: the cases are synthetic, and so must be everything you write.`;

const BLIND_PROJECT = 'Blind model comparison';

const BLIND_GUIDELINES = `## Blind comparison

- The responses are shown in an order of your own, labelled A, B, C…; which model wrote which is hidden
  until you submit.
- Rank on clinical soundness first (what would happen to the patient if the answer were followed), then
  completeness, then clarity.`;

function demoPageTask(): Task {
  const [prompt, response] = demoConversation.turns;
  return Task.parse({
    id: DEMO_PAGE_TASK,
    kind: 'correct_chain_of_thought',
    title: 'Step-by-step sepsis screen in ED triage (demo chat page)',
    specialty: 'emergency_medicine',
    difficulty: 2,
    estimatedMinutes: 8,
    prompt: prompt?.content,
    response: { label: 'A', model: response?.model, content: response?.content },
  });
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
    const secondExpertId = await createUser(tx, {
      teamId,
      name: 'Dr. Priya Raman',
      role: 'expert',
      specialty: 'critical_care',
    });
    const projectId = randomUUID();
    await tx.query(
      `INSERT INTO projects (id, team_id, name, guidelines, overlap, reservation_minutes, gold_rate, allow_calibration, assessment)
       VALUES ($1, $2, $3, $4, 2, 60, 0, true, $5::jsonb)`,
      [projectId, teamId, 'Acute care review', GUIDELINES, JSON.stringify(DEMO_ASSESSMENT)],
    );
    const tasks = clinicalTasks();
    await upsertTasks(
      tx,
      teamId,
      [...tasks, demoPageTask()].map((task) => ({ task })),
      projectId,
    );
    for (const [i, task] of tasks.entries()) {
      await assignTask(tx, {
        teamId,
        taskId: task.id,
        userId: expertId,
        dueAt: new Date(now.getTime() + (i + 2) * DAY_MS),
      });
    }
    await assignTask(tx, {
      teamId,
      taskId: DEMO_PAGE_TASK,
      userId: secondExpertId,
      dueAt: new Date(now.getTime() + DAY_MS),
    });
    const blindProjectId = randomUUID();
    await tx.query(
      `INSERT INTO projects (id, team_id, name, guidelines, overlap, reservation_minutes, gold_rate, allow_calibration,
                             blind, blind_reveal_models)
       VALUES ($1, $2, $3, $4, 3, 60, 0, false, true, true)`,
      [blindProjectId, teamId, BLIND_PROJECT, BLIND_GUIDELINES],
    );
    await upsertTasks(
      tx,
      teamId,
      blindComparisons().map((task) => ({ task })),
      blindProjectId,
    );
    return { teamId, expertId, leadId, secondExpertId, projectId };
  });
}

/** The demo people of a database seeded earlier, if any (users created in one transaction share a time: found by name). */
export async function findDemo(db: Database): Promise<DemoPeople | undefined> {
  const [row] = await db.query<DemoPeople>(
    `SELECT t.id AS "teamId",
            (SELECT id FROM users WHERE team_id = t.id AND name = 'Dr. Ada Okafor') AS "expertId",
            (SELECT id FROM users WHERE team_id = t.id AND name = 'Dr. Sam Lee') AS "leadId",
            (SELECT id FROM users WHERE team_id = t.id AND name = 'Dr. Priya Raman') AS "secondExpertId",
            (SELECT id FROM projects WHERE team_id = t.id AND name = 'Acute care review' ORDER BY created_at LIMIT 1) AS "projectId"
       FROM teams t WHERE t.name = 'Demo clinical team' ORDER BY t.created_at LIMIT 1`,
  );
  // A database seeded by an earlier version has no second expert or project: seed afresh.
  return row?.secondExpertId && row.projectId ? row : undefined;
}
