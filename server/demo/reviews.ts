/**
 * Two demo reviews of the demo chat page's first response (a step-by-step
 * sepsis screen with a deliberate error at step 3: the qSOFA systolic
 * threshold is ≤100 mmHg, not <90), so that a lead signing in finds work on
 * the page: Dr. Okafor finds the error, Dr. Raman misses it, both for the
 * task of the page (the project's overlap is two). The labels are
 * the fixture's expected ones (`expected_step_labels`) and its annotation.
 */
import { randomUUID } from 'node:crypto';
import { splitSteps } from '../../utils/review/steps';
import { type Capture, Submission } from '../../utils/schema';
import type { Database } from '../db/database';
import { ingestOne } from '../resources/submissions';
import { assignTask } from '../resources/tasks';
import { demoConversation } from './conversation';
import { DEMO_PAGE_TASK, type DemoPeople, findDemo, seedDemo } from './seed';

const EXPECTED_STEP_LABELS = [1, 1, -1, 1, 1, 1, 1] as const;

const CORRECTED_STEP_3 =
  '**qSOFA** (1 point each: respiratory rate ≥22/min, altered mentation, systolic BP ≤100 mmHg). ' +
  'Respiratory rate 24/min ✔; mentation normal (GCS 15) ✘; systolic 94 mmHg ✔. **qSOFA = 2**, which is positive.';

function pageCapture(pageUrl: string, now: Date): Capture {
  const turns = demoConversation.turns.slice(0, 2).map((t) => ({
    role: t.role,
    text: t.content,
    messageId: t.id,
    ...(t.model ? { model: t.model } : {}),
    anchor: { exact: t.content.slice(0, 200), prefix: '', suffix: '' },
  }));
  return { site: 'chatgpt', url: pageUrl, title: demoConversation.title, capturedAt: now.toISOString(), turns };
}

export async function seedDemoReviews(db: Database, people: DemoPeople, pageUrl: string, now = new Date()) {
  const capture = pageCapture(pageUrl, now);
  const steps = splitSteps(capture.turns[1]?.text ?? '').steps;
  if (steps.length !== EXPECTED_STEP_LABELS.length) throw new Error('The demo response no longer splits into 7 steps');
  const found = Submission.parse({
    id: randomUUID(),
    schemaVersion: 1,
    taskId: DEMO_PAGE_TASK,
    capture,
    review: {
      kind: 'steps',
      turn: 1,
      source: 'answer',
      steps: steps.map((text, i) => ({
        text,
        rating: EXPECTED_STEP_LABELS[i],
        ...(i === 2 ? { rewrite: CORRECTED_STEP_3 } : {}),
      })),
      finish: 'found_error',
      comment:
        'Wrong qSOFA threshold. The systolic criterion is ≤100 mmHg, not <90 mmHg: her systolic of 94 mmHg meets it, so qSOFA is 2, not 1.',
      activeMs: 7 * 60_000,
      safetyFlags: [{ code: 'diagnostic_error', severity: 'major', note: 'Underestimates her risk' }],
      specialty: 'emergency_medicine',
      confidence: 5,
      evidence: [{ kind: 'guideline', text: 'Sepsis-3 (Singer et al., JAMA 2016): qSOFA criteria' }],
    },
    createdAt: now.toISOString(),
  });
  const missed = Submission.parse({
    id: randomUUID(),
    schemaVersion: 1,
    taskId: DEMO_PAGE_TASK,
    capture,
    review: {
      kind: 'steps',
      turn: 1,
      source: 'answer',
      steps: steps.map((text) => ({ text, rating: 1 })),
      finish: 'solution_reached',
      comment: 'Sound screen; the first-hour bundle is complete.',
      activeMs: 4 * 60_000,
      specialty: 'critical_care',
      confidence: 4,
    },
    createdAt: now.toISOString(),
  });
  await db.transaction(async (tx) => {
    // The task is the second expert's; the first takes it on as its overlap's second review.
    await assignTask(tx, { teamId: people.teamId, taskId: DEMO_PAGE_TASK, userId: people.expertId });
    await ingestOne(tx, { id: people.expertId, teamId: people.teamId }, found, 0);
    await ingestOne(tx, { id: people.secondExpertId, teamId: people.teamId }, missed, 0);
  });
}

/** The demo people, seeded with their reviews of the demo page at `pageUrl` when the database has none yet. */
export async function ensureDemo(db: Database, pageUrl: string): Promise<DemoPeople> {
  const found = await findDemo(db);
  if (found) return found;
  const people = await seedDemo(db);
  await seedDemoReviews(db, people, pageUrl);
  return people;
}
