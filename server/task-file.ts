import { z } from 'zod';
import { Task } from '../utils/schema';

/** Tasks from a JSON array or a JSONL file, each validated; errors name the line. */
export function parseTaskFile(text: string): Task[] {
  const trimmed = text.trim();
  const items: unknown[] = trimmed.startsWith('[')
    ? z.array(z.unknown()).parse(JSON.parse(trimmed))
    : trimmed
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l));
  return items.map((item, i) => {
    const parsed = Task.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`Task ${i + 1}: ${issue?.path.join('.') || 'task'}: ${issue?.message}`);
    }
    return parsed.data;
  });
}
