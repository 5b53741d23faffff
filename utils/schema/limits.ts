/**
 * Size limits shared by the extension (which trims before it sends) and the
 * server (which rejects what is larger). One place, so both agree.
 */
export const LIMITS = {
  /** Characters of one turn's text: about 100k tokens. */
  turnText: 400_000,
  /** Characters of a reviewer's free text (comment, rewrite beyond the turn). */
  reviewerText: 400_000,
  /** Turns in one capture. */
  turns: 2_000,
  /** Characters of context kept on each side of a text-quote anchor. */
  anchorContext: 32,
  /** Submissions in one batch request. */
  batchItems: 100,
  /** Bytes of one request body. */
  requestBytes: 16 * 1024 * 1024,
} as const;
