import { createRoute } from '@hono/zod-openapi';
import { Me, Specialty } from '../../utils/schema';
import { type Api, bearer, errorResponses, jsonReply } from '../api';

const route = createRoute({
  method: 'get',
  path: '/v1/me',
  summary: 'Who the token belongs to',
  security: bearer,
  responses: { 200: jsonReply(Me, 'The signed-in user and their team'), ...errorResponses },
});

export function registerMe(app: Api): void {
  app.openapi(route, (c) => {
    const user = c.get('user');
    const specialty = Specialty.safeParse(user.specialty);
    return c.json(
      {
        user: {
          id: user.id,
          name: user.name,
          role: user.role,
          ...(specialty.success ? { specialty: specialty.data } : {}),
        },
        team: { id: user.teamId, name: user.teamName },
      },
      200,
    );
  });
}
