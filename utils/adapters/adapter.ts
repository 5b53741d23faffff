/**
 * The interface every site adapter implements. An adapter is the only code
 * that knows a site's DOM: it finds the turns of the conversation in page
 * order, says where each turn's answer and reasoning are, and whether a
 * response is still being written. Adapters read; they never click or change
 * the page (a site's own feedback buttons can opt a chat into training).
 */
import type { Role } from '../schema/capture';

export interface TurnElement {
  /** The message element; the controls go right after it. */
  el: Element;
  role: Role;
  /** The platform's own id for the message, when its DOM carries one. */
  messageId?: string;
  /** The model's name, when the page shows it. */
  model?: string;
  /** Where the answer's text is, when that is not the whole message. */
  body?: Element;
  /** The response's reasoning, when the page shows it apart from the answer. */
  reasoning?: Element;
  /**
   * False for an alternative response the page holds but does not show (a
   * regenerated draft): it is captured and can be ranked, but gets no controls.
   */
  shown?: boolean;
  /**
   * For a response the page shows one variant at a time (a regenerate pager
   * "2/3"): the same key for every variant at that place in the conversation,
   * so that the variants the reader pages through can be ranked together.
   */
  slot?: string;
}

export interface SiteAdapter {
  /** Goes into the capture as `site`. */
  readonly id: string;
  /** The site's name, for people ("ChatGPT"). */
  readonly name: string;
  /** Whether this adapter is for the page at `url`. */
  matches(url: URL): boolean;
  findTurns(root: ParentNode): TurnElement[];
  /** True while the page is still writing this response. */
  isStreaming(turn: TurnElement): boolean;
  /**
   * A CSS selector list of subtrees that are never part of a message's text on
   * this site (screen-reader labels of its own, citation pills, the reasoning
   * block when it sits inside the answer).
   */
  readonly noise?: string;
}
