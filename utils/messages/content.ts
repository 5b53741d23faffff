/**
 * Every request the content script accepts (from the popup and the background
 * worker), declared once. Written with zod's mini build: this module ships in
 * the script injected into every chat page, which must stay small.
 */
import { z } from 'zod/mini';
import type { Capture } from '../schema/capture';

export const ContentRequest = z.discriminatedUnion('type', [
  /** The popup's quick rating: the newest response of the page. */
  z.strictObject({ type: z.literal('page.latest') }),
  /** The popup's "Improve": open the review panel on the newest response. */
  z.strictObject({ type: z.literal('panel.openLatest') }),
  /** Keyboard commands: move to the next (1) or previous (−1) response; approve or open the one moved to (else the newest). */
  z.strictObject({ type: z.literal('response.move'), by: z.union([z.literal(1), z.literal(-1)]) }),
  z.strictObject({ type: z.literal('response.approve') }),
  z.strictObject({ type: z.literal('response.open') }),
  /** The panel asked (through the worker) to be closed. */
  z.strictObject({ type: z.literal('panel.close') }),
  /** The manual fallback: open the review panel on the text the user selected. */
  z.strictObject({ type: z.literal('selection.review') }),
  /** The reviewer's passage comments on the page changed (a draft saved, a review queued): highlight them anew. */
  z.strictObject({ type: z.literal('passages.changed') }),
]);
export type ContentRequest = z.infer<typeof ContentRequest>;
export type ContentRequestType = ContentRequest['type'];

/** What the page holds, as the content script reads it. */
export interface PageStatus {
  /** The site's name for people ("ChatGPT"), or "this page". */
  site: string;
  /** Whether a site adapter is made for this page (else the generic one reads it). */
  supported: boolean;
  prompts: number;
  responses: number;
  /** The newest response is still being written (it has no controls yet). */
  streaming: boolean;
}

export type LatestResponse =
  | { status: 'ready'; page: PageStatus; capture: Capture; turn: number }
  /** No response to rate: the layout is not recognised, or nothing has finished yet. */
  | { status: 'none'; page: PageStatus };

export interface ContentReplies {
  'page.latest': LatestResponse;
  'panel.openLatest': null;
  'response.move': null;
  'response.approve': null;
  'response.open': null;
  'panel.close': null;
  'selection.review': null;
  'passages.changed': null;
}
