/**
 * The reviewer's passage comments on a page, for the content script to
 * highlight: those in unsent panels (drafts) and those of queued and sent
 * reviews. Only where each passage is and its category leave the worker;
 * what the reviewer wrote about it stays in the extension.
 */
import type { PagePassage } from '@/utils/messages/background';
import { accountOf } from '@/utils/outbox/item';
import { pageDraftPrefix, turnKey } from '@/utils/review/draft-key';
import { PassageComment } from '@/utils/schema/passage';
import { type Db, getSetting } from '@/utils/storage/db';

/** Draft states are the panel's own plain data: their passages are checked before they are trusted. */
const DraftPassages = PassageComment.array().catch([]);

export async function pagePassages(db: Db, url: string): Promise<PagePassage[]> {
  const auth = await getSetting(db, 'auth');
  if (!auth) return [];
  const account = accountOf(auth.state.me.user).key;
  const prefix = pageDraftPrefix(url, 'response');
  const [drafts, items] = await Promise.all([
    db.getAll('drafts', IDBKeyRange.bound(prefix, `${prefix}\uffff`)),
    db.getAllFromIndex('outbox', 'byPage', url),
  ]);
  const fromDrafts = drafts.flatMap((draft) => {
    const state = draft.state as { details?: { passages?: unknown } } | null;
    const turn = draft.key.slice(prefix.length);
    return DraftPassages.parse(state?.details?.passages ?? []).map(({ quote, category }) => ({
      turn,
      quote,
      category,
    }));
  });
  const fromReviews = items.flatMap((item) => {
    const { submission } = item;
    if (!submission?.capture || item.account.key !== account) return [];
    const { capture } = submission;
    return (submission.review.passages ?? []).map(({ turn, quote, category }) => ({
      turn: turnKey(capture.turns[turn]),
      quote,
      category,
    }));
  });
  return [...fromDrafts, ...fromReviews];
}
