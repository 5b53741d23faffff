/**
 * What the extension read from a model-output page: the conversation as text,
 * in page order. Nothing here is HTML: model output is data, never markup.
 */
import { z } from 'zod';
import { LIMITS } from './limits';

/**
 * W3C Web Annotation TextQuoteSelector: the exact text plus a little context on
 * each side, so the same passage can be found again after the page changed.
 */
export const TextQuote = z
  .strictObject({
    exact: z.string().min(1).max(LIMITS.turnText),
    prefix: z.string().max(LIMITS.anchorContext * 2),
    suffix: z.string().max(LIMITS.anchorContext * 2),
  })
  .meta({ id: 'TextQuote' });
export type TextQuote = z.infer<typeof TextQuote>;

/** An index into a capture's turns. */
export const turnIndex = z
  .int()
  .min(0)
  .max(LIMITS.turns - 1);

export const Role = z.enum(['user', 'assistant']);
export type Role = z.infer<typeof Role>;

export const Turn = z
  .strictObject({
    role: Role,
    text: z.string().min(1).max(LIMITS.turnText),
    /** The platform's own id for the message, when its DOM carries one. */
    messageId: z.string().min(1).max(200).optional(),
    /** Model name, when the page shows it. */
    model: z.string().min(1).max(200).optional(),
    /** The response's chain of thought, when the page shows it apart from the answer. */
    reasoning: z.string().min(1).max(LIMITS.turnText).optional(),
    anchor: TextQuote,
  })
  .meta({ id: 'Turn' });
export type Turn = z.infer<typeof Turn>;

export const Capture = z
  .strictObject({
    /** The adapter that read the page ("generic", "chatgpt", …; "task" when built from a task). */
    site: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    url: z.url().max(8192),
    title: z.string().max(1000),
    capturedAt: z.iso.datetime(),
    turns: z.array(Turn).min(1).max(LIMITS.turns),
  })
  .meta({ id: 'Capture' });
export type Capture = z.infer<typeof Capture>;
