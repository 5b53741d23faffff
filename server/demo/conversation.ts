/** The demo conversation, read once from the synthetic clinical fixture. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const Turn = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  model: z.string().optional(),
  content: z.string(),
  variants: z.array(z.object({ id: z.string(), model: z.string(), content: z.string() })).optional(),
});

const Conversation = z.object({ title: z.string(), turns: z.array(Turn) });
export type DemoTurn = z.infer<typeof Turn>;

export const demoConversation = Conversation.parse(
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'clinical', 'conversation.json'), 'utf8')),
);
