/**
 * The interface every site adapter implements. An adapter is the only code
 * that knows a site's DOM: it finds the turns of the conversation in page
 * order and says whether a response is still being written.
 */
import type { Role } from '../schema/capture';

export interface TurnElement {
  el: Element;
  role: Role;
  messageId?: string;
  model?: string;
}

export interface SiteAdapter {
  /** Goes into the capture as `site`. */
  readonly id: string;
  findTurns(root: ParentNode): TurnElement[];
  /** True while the page is still writing this response. */
  isStreaming(turn: TurnElement): boolean;
}
