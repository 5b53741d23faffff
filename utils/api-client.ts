/**
 * The extension's client of the task server. Replies are validated with the
 * shared schemas; failures come back as sentences a clinician can act on.
 */

import { i18n } from '#i18n';
import type { Batch } from './outbox/flush';
import type { Attempt } from './outbox/policy';
import { AssignedTasks, Invite, Me, RedeemedInvite, SubmissionPage } from './schema/api';
import type { Specialty } from './schema/clinical';
import { AgreementReport, type Project, Projects } from './schema/project';
import { AssignedTask } from './schema/task';

export interface Server {
  url: string;
  token: string;
}

export class ApiProblem extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Normalises what the user typed as the server address, or says what is wrong with it. */
export function serverUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ApiProblem(i18n.t('worker.server.notAddress', { input }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiProblem(i18n.t('worker.server.scheme'));
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

const TIMEOUT_MS = 30_000;

async function request(server: Server, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(server.url + path, {
      ...init,
      // A redirect would turn a POST into a GET elsewhere: treat it as a failure to reach the server.
      redirect: 'error',
      // Without a token (the invite exchange, which is how one is got), no Authorization header.
      headers: { ...init.headers, ...(server.token ? { Authorization: `Bearer ${server.token}` } : {}) },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new ApiProblem(i18n.t('worker.server.unreachable', { url: server.url, cause: (error as Error).message }));
  }
}

/**
 * The refusals a clinician meets on their own (a lead's invite code, too many requests, the server's
 * database out of reach), said in the
 * extension's words and language; for any other, the server's own sentence is shown.
 */
function inOwnWords(code: string | undefined, response: Response): string | undefined {
  switch (code) {
    case 'invite_invalid':
      return i18n.t('worker.server.inviteInvalid');
    case 'invite_used':
      return i18n.t('worker.server.inviteUsed');
    case 'invite_expired':
      return i18n.t('worker.server.inviteExpired');
    case 'rate_limited':
      return i18n.t('worker.server.rateLimited', { seconds: response.headers.get('Retry-After') ?? '60' });
    case 'database_unavailable':
      return i18n.t('worker.server.databaseUnavailable');
    default:
      return undefined;
  }
}

async function readJson<T>(server: Server, response: Response, schema: { parse(value: unknown): T }): Promise<T> {
  const body = await response.json().catch(() => undefined);
  if (response.status === 401) {
    throw new ApiProblem(i18n.t('worker.server.tokenRefused'), 401);
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiProblem(
      inOwnWords(error?.code, response) ??
        (error?.message
          ? i18n.t('worker.server.refused', { message: error.message, status: response.status })
          : i18n.t('worker.server.notAttending', { url: server.url, status: response.status })),
      response.status,
    );
  }
  try {
    return schema.parse(body);
  } catch {
    throw new ApiProblem(i18n.t('worker.server.unreadable', { url: server.url }));
  }
}

/** Exchanges a lead's one-time invite code for the new member's account and token (no token is sent). */
export async function redeemInvite(url: string, code: string): Promise<RedeemedInvite> {
  const server = { url, token: '' };
  const response = await request(server, '/v1/invites/redeem', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return readJson(server, response, RedeemedInvite);
}

export async function fetchMe(server: Server): Promise<Me> {
  return readJson(server, await request(server, '/v1/me'), Me);
}

export async function fetchAssignedTasks(server: Server): Promise<AssignedTasks> {
  return readJson(server, await request(server, '/v1/tasks/assigned'), AssignedTasks);
}

export async function fetchProjects(server: Server): Promise<Project[]> {
  return (await readJson(server, await request(server, '/v1/projects'), Projects)).projects;
}

/** The next task of a project, reserved for the user; undefined when none waits. */
export async function claimTask(server: Server, projectId: string): Promise<AssignedTask | undefined> {
  const response = await request(server, `/v1/projects/${projectId}/claim`, { method: 'POST' });
  return response.status === 204 ? undefined : readJson(server, response, AssignedTask);
}

/** A one-time invite code for a new member of the lead's team. */
export async function createInvite(server: Server, invite: { name: string; specialty?: Specialty }): Promise<Invite> {
  const response = await request(server, '/v1/invites', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(invite),
  });
  return readJson(server, response, Invite);
}

export async function fetchAgreement(server: Server, projectId: string): Promise<AgreementReport> {
  return readJson(server, await request(server, `/v1/projects/${projectId}/agreement`), AgreementReport);
}

/** The team's submissions matching `query` (see GET /v1/submissions). */
export async function fetchSubmissions(server: Server, query: Record<string, string>): Promise<SubmissionPage> {
  return readJson(server, await request(server, `/v1/submissions?${new URLSearchParams(query)}`), SubmissionPage);
}

/** One delivery attempt; never throws, so the outbox policy decides what a failure means. */
export async function postBatch(server: Server, batch: Batch): Promise<Attempt> {
  let response: Response;
  try {
    response = await request(server, `/v1/${batch.kind}/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ [batch.kind]: batch.items }),
    });
  } catch (error) {
    return { kind: 'network', error: (error as Error).message };
  }
  const body: unknown = await response.json().catch(() => undefined);
  return { kind: 'http', status: response.status, retryAfter: response.headers.get('Retry-After'), body };
}
