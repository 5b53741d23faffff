/**
 * Drives the outbox: one flush at a time, woken by enqueues, sign-in, the
 * network coming back, worker start-up and a `chrome.alarms` alarm that
 * outlives the worker. Keeps the toolbar badge in step with the queue.
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { postBatch } from '@/utils/api-client';
import { flush } from '@/utils/outbox/flush';
import { accountOf } from '@/utils/outbox/item';
import { countByState } from '@/utils/outbox/store';
import { type Db, getSetting } from '@/utils/storage/db';
import { markTokenRefused } from './auth';

export const DELIVERY_ALARM = 'outbox-delivery';

/** Short waits happen in-process as well, since alarms fire no sooner than 30 s in release builds. */
const IN_PROCESS_WAIT_MS = 30_000;
/** A delivery attempt that has not rescheduled itself by then is retried. */
const WATCHDOG_MS = 60_000;

let running: Promise<void> | undefined;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;
/** Until then the server or the network is in backoff: a newly queued review waits with the rest. */
let backoffUntil = 0;

/**
 * After a review was queued: deliver now, unless delivery is backing off, in
 * which case the review goes with the others when the backoff ends. (Trying
 * on every review while offline would cost a request, and a walk of the
 * queue, per review.)
 */
export function deliverQueued(db: Db): Promise<void> {
  return Date.now() < backoffUntil ? updateBadge(db) : deliver(db);
}

export function deliver(db: Db): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        await flushOnce(db).catch(async (error) => {
          // An unexpected failure (storage, a bug) must not end delivery: try again later.
          console.error('Attending: delivery failed', error);
          await browser.alarms.create(DELIVERY_ALARM, { when: Date.now() + WATCHDOG_MS });
        });
      } while (again);
    } finally {
      running = undefined;
      await updateBadge(db).catch(() => {});
    }
  })();
  return running;
}

async function flushOnce(db: Db): Promise<void> {
  const auth = await getSetting(db, 'auth');
  if (auth?.state.status !== 'signed-in') return;
  // If the browser stops the worker mid-request, this alarm brings delivery back.
  await browser.alarms.create(DELIVERY_ALARM, { when: Date.now() + WATCHDOG_MS });
  const server = { url: auth.serverUrl, token: auth.token };
  const result = await flush({
    db,
    account: accountOf(auth.state.me.user).key,
    send: (batch) => postBatch(server, batch),
    now: Date.now,
    random: Math.random,
  });
  clearTimeout(timer);
  backoffUntil = result.kind === 'waiting' && result.backoff ? result.at : 0;
  if (result.kind === 'unauthorized') {
    await markTokenRefused(db, auth.token);
    await browser.alarms.clear(DELIVERY_ALARM);
  } else if (result.kind === 'waiting') {
    const wait = Math.max(0, result.at - Date.now());
    await browser.alarms.create(DELIVERY_ALARM, { when: result.at });
    if (wait < IN_PROCESS_WAIT_MS) timer = setTimeout(() => void deliver(db), wait);
  } else {
    await browser.alarms.clear(DELIVERY_ALARM);
  }
}

export async function updateBadge(db: Db): Promise<void> {
  const [auth, { pending, failed }] = await Promise.all([getSetting(db, 'auth'), countByState(db)]);
  const count = pending + failed;
  const expired = auth?.state.status === 'expired';
  await browser.action.setBadgeText({ text: expired ? '!' : count ? String(count) : '' });
  await browser.action.setBadgeBackgroundColor({ color: expired || failed ? '#b3261e' : '#45556c' });
  await browser.action.setTitle({
    title: expired
      ? i18n.t('worker.badge.expired')
      : failed
        ? i18n.t('worker.badge.waitingRefused', count, { refused: failed })
        : count
          ? i18n.t('worker.badge.waiting', count)
          : i18n.t('manifest.name'),
  });
}
