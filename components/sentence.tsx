/**
 * Elements inside a sentence from the catalogue (a name in bold, a code, a key),
 * where the language puts them: the sentence is asked for with a stand-in as the
 * value of each `{name}` an element takes the place of, then cut around the
 * stand-ins. They are private-use characters, which no message contains.
 */
import { Fragment, type ReactNode } from 'react';

export const SLOTS = ['\u{E000}', '\u{E001}'] as const;
export const SLOT = SLOTS[0];

/** The words of a message before and after its `SLOT`. */
export function aroundSlot(message: string): [before: string, after: string] {
  const at = message.indexOf(SLOT);
  return at < 0 ? [message, ''] : [message.slice(0, at), message.slice(at + SLOT.length)];
}

/** A message with elements in it: each `SLOTS[i]` in it becomes `nodes[i]`. */
export function withNodes(message: string, ...nodes: ReactNode[]): ReactNode {
  return message.split(/([\u{E000}-\u{E001}])/u).map((part, i) => {
    if (i % 2 === 0) return part;
    // A stand-in appears once in a message, so it keys its element.
    return <Fragment key={part}>{nodes[SLOTS.indexOf(part as (typeof SLOTS)[number])]}</Fragment>;
  });
}
