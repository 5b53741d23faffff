/**
 * Blind comparison, both ways. Out: the responses of a ranking task shown to
 * one expert in an order of their own (a seeded shuffle, the same every time
 * that expert opens that task), labelled A, B, C… in that order, without the
 * models that wrote them. Back: a review names responses by capture turn, and
 * the turn made from a task response carries the response's id as its
 * `messageId`, so what the expert saw maps back to the real response and
 * model by id, never by place.
 *
 * Pure: no clock, no randomness of its own, no browser or Node globals. The
 * server supplies the seed (secret-keyed, so an expert cannot recompute the
 * order) and fresh ids.
 */
import type { Capture } from '../schema/capture';
import { type Review, reviewedTurns } from '../schema/review';
import type { Task, TaskResponse } from '../schema/task';

/** cyrb128: four 32-bit words from a string, to seed sfc32. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (PractRand-tested small fast counter generator): uniform draws in [0, 1). */
function sfc32([seedA, seedB, seedC, seedD]: [number, number, number, number]): () => number {
  let a = seedA;
  let b = seedB;
  let c = seedC;
  let d = seedD;
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * The order in which `n` responses are shown for `seed`: entry i is the index
 * (in the task as stored) of the response shown i-th. A Fisher–Yates shuffle
 * driven by the seed alone, so the same seed always gives the same order.
 */
export function seededOrder(seed: string, n: number): number[] {
  const next = sfc32(hash128(seed));
  // Warm the generator up: its first outputs still show the seed's structure.
  for (let i = 0; i < 12; i++) next();
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** The label of the response shown at `position` (0-based): A, B, C… */
export function displayLabel(position: number): string {
  return String.fromCharCode(65 + position);
}

function withoutModel(response: TaskResponse, revealModels: boolean): TaskResponse {
  if (revealModels) return response;
  const { model: _hidden, ...rest } = response;
  return rest;
}

/**
 * The task as one expert of a blind project sees it: a ranking's responses in
 * the seed's order and relabelled A, B, C… in that order (the stored labels
 * may say more than a letter), and no model names unless `revealModels`. A
 * single response keeps its place and is labelled A.
 */
export function blindTask(task: Task, { seed, revealModels }: { seed: string; revealModels: boolean }): Task {
  switch (task.kind) {
    case 'rank_responses': {
      const order = seededOrder(seed, task.responses.length);
      const responses = order.map((stored, position) => ({
        ...withoutModel(task.responses[stored] as TaskResponse, revealModels),
        label: displayLabel(position),
      }));
      return { ...task, responses };
    }
    case 'write_prompt':
      return task;
    default:
      return { ...task, response: { ...withoutModel(task.response, revealModels), label: displayLabel(0) } };
  }
}

/**
 * The task with an id on every response of a ranking. A response that has
 * none keeps the id it had in `previous` (the same task as stored before,
 * matched by content), so reloading a task file does not cut the link from
 * reviews already made to their responses; otherwise it gets `newId()`.
 */
export function withResponseIds(task: Task, previous: Task | undefined, newId: () => string): Task {
  if (task.kind !== 'rank_responses' || task.responses.every((r) => r.id !== undefined)) return task;
  const taken = new Set(task.responses.flatMap((r) => (r.id === undefined ? [] : [r.id])));
  const earlier = previous?.kind === 'rank_responses' ? previous.responses : [];
  const responses = task.responses.map((response) => {
    if (response.id !== undefined) return response;
    const reused = earlier.find((e) => e.id !== undefined && !taken.has(e.id) && e.content === response.content)?.id;
    let id = reused ?? newId();
    while (taken.has(id)) id = newId();
    taken.add(id);
    return { ...response, id };
  });
  return { ...task, responses };
}

/** The responses a task shows (none for a written prompt). */
export function taskResponses(task: Task): TaskResponse[] {
  if (task.kind === 'write_prompt') return [];
  return task.kind === 'rank_responses' ? task.responses : [task.response];
}

/** The task response that the capture's turn `turn` shows, by the id the turn carries; never by its place. */
export function responseAt(task: Task | undefined, capture: Capture, turn: number): TaskResponse | undefined {
  const id = capture.turns[turn]?.messageId;
  if (!task || id === undefined) return undefined;
  return taskResponses(task).find((r) => r.id === id);
}

/**
 * What names the response at `turn` the same way for every reviewer of it:
 * in a capture made from a task, the response's id (each expert of a blind
 * project saw their own order, so turn 1 is not the same response for all of
 * them); elsewhere its place in the capture, as on the page everyone read.
 */
export function responseKey(capture: Capture | undefined, turn: number): string {
  const id = capture?.site === 'task' ? capture.turns[turn]?.messageId : undefined;
  return id === undefined ? `turn:${turn}` : `response:${id}`;
}

/**
 * Why a comparison review of a blind task could not be mapped back to the
 * task's responses: each response it compares must be a turn that carries
 * the id of a different response of the task (the panel's capture of the task
 * does). Paths are relative to the submission. Other kinds compare nothing.
 */
export function unmappedComparison(
  task: Task,
  { capture, review }: { capture?: Capture | undefined; review: Review },
): { path: string; message: string }[] {
  if (review.kind !== 'rank' && review.kind !== 'pairwise') return [];
  if (!capture) return [{ path: 'capture', message: 'A comparison of a blind task needs the capture it was made on' }];
  const ids = new Set(taskResponses(task).flatMap((r) => (r.id === undefined ? [] : [r.id])));
  const seen = new Set<string>();
  return reviewedTurns(review).flatMap((turn) => {
    const id = capture.turns[turn]?.messageId;
    const path = `capture.turns.${turn}.messageId`;
    if (id === undefined || !ids.has(id)) {
      return [{ path, message: `Turn ${turn} does not name a response of task ${task.id} by its id` }];
    }
    if (seen.has(id)) return [{ path, message: `Turn ${turn} names response ${id} a second time` }];
    seen.add(id);
    return [];
  });
}
