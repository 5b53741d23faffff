/**
 * Variants of a response that the page shows one at a time (ChatGPT's
 * regenerate pager): only the variant on show is in the DOM, so each one is
 * remembered when it has been read, and put back, as an alternative the page
 * does not show, after the variant on show. They are then ranked together.
 *
 * Variants are those of one slot (the response's place, given by the adapter)
 * answering one prompt: an edited prompt starts new variants.
 */
import type { Role } from '../schema/capture';
import type { TurnElement } from './adapter';
import type { ReadTurn } from './capture';

/** Where each page turn lands in the expanded list, and that list's roles. */
export interface Layout {
  roles: Role[];
  /** positions[i]: the index in the expanded list of the page's turn i. */
  positions: number[];
}

export class SeenVariants {
  private readonly bySlot = new Map<string, Map<string, ReadTurn>>();

  /** The key of `turns[i]`'s variants, if it has them: its slot and the prompt it answers. */
  private keyOf(turns: TurnElement[], i: number): string | undefined {
    const turn = turns[i];
    if (!turn?.slot || !turn.messageId || turn.role !== 'assistant') return undefined;
    const prompt = turns.slice(0, i).findLast((t) => t.role === 'user');
    return `${turn.slot}\u0000${prompt?.messageId ?? ''}`;
  }

  /** Records the variant `turns[i]`, read as `read`. */
  remember(turns: TurnElement[], i: number, read: ReadTurn): void {
    const key = this.keyOf(turns, i);
    const id = turns[i]?.messageId;
    if (!key || !id || !read.text) return;
    const seen = this.bySlot.get(key) ?? new Map<string, ReadTurn>();
    seen.set(id, read);
    this.bySlot.set(key, seen);
  }

  /** The variants remembered for `turns[i]` other than the one on show. */
  private others(turns: TurnElement[], i: number): ReadTurn[] {
    const key = this.keyOf(turns, i);
    const seen = key ? this.bySlot.get(key) : undefined;
    return seen ? [...seen].filter(([id]) => id !== turns[i]?.messageId).map(([, read]) => read) : [];
  }

  layout(turns: TurnElement[]): Layout {
    const roles: Role[] = [];
    const positions: number[] = [];
    turns.forEach((turn, i) => {
      positions.push(roles.length);
      roles.push(turn.role, ...this.others(turns, i).map(() => 'assistant' as const));
    });
    return { roles, positions };
  }

  /** The page's turns as read, with each one's remembered variants after it. */
  expand(turns: TurnElement[], read: ReadTurn[]): ReadTurn[] {
    return turns.flatMap((_, i) => [read[i] ?? { role: 'assistant', text: '' }, ...this.others(turns, i)]);
  }
}
