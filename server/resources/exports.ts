/** GET /v1/exports/{format}: the team's reviews as training and evaluation data, streamed. */
import { createRoute, z } from '@hono/zod-openapi';
import { EXPORT_FORMATS } from '../../utils/export/formats';
import { type Api, bearer, type Deps, errorResponses } from '../api';
import { requireRole } from '../auth';
import { CONTENT_TYPE, exportLines } from '../exports';

const route = createRoute({
  method: 'get',
  path: '/v1/exports/{format}',
  summary: 'Export the team’s reviews (leads and admins); streamed, filterable, reviewers pseudonymised by default',
  security: bearer,
  request: {
    params: z.object({ format: z.enum(EXPORT_FORMATS) }),
    query: z.object({
      project: z.uuid().optional(),
      from: z.iso.datetime().optional(),
      to: z.iso.datetime().optional(),
      status: z.enum(['all', 'accepted', 'unrejected']).default('all'),
      pseudonymise: z.enum(['true', 'false']).default('true'),
      ties: z.enum(['exclude', 'label']).default('exclude'),
    }),
  },
  responses: {
    200: {
      description: 'One row a line (JSONL), a CSV with its header, or (label-studio) one JSON array',
      content: { 'application/x-ndjson': { schema: z.string() } },
    },
    ...errorResponses,
  },
});

export function registerExports(app: Api, { db }: Deps): void {
  app.openapi(route, (c) => {
    const user = c.get('user');
    requireRole(user, 'lead', 'admin');
    const { format } = c.req.valid('param');
    const q = c.req.valid('query');
    const lines = exportLines(
      db,
      format,
      {
        teamId: user.role === 'admin' ? null : user.teamId,
        ...(q.project ? { projectId: q.project } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        status: q.status,
        pseudonymise: q.pseudonymise === 'true',
      },
      { ties: q.ties },
    );
    const encoder = new TextEncoder();
    // Pulled line by line: the client's reading pace bounds what is held in memory.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await lines.return(undefined);
      },
    });
    const extension = format === 'csv' ? 'csv' : format === 'label-studio' ? 'json' : 'jsonl';
    return new Response(body, {
      headers: {
        'Content-Type': CONTENT_TYPE[format],
        'Content-Disposition': `attachment; filename="attending-${format}.${extension}"`,
      },
    }) as never;
  });
}
