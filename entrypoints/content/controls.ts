/**
 * The per-response controls: Approve, Improve and (for a group of responses
 * to one prompt) Rank, in a closed shadow root placed after the response. The
 * page can neither reach into the root nor restyle its contents, clicks
 * count only when they are trusted (made by the user, not by page script), and
 * Approve, which submits in one click, only when the page did not cover it.
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ownHost } from './own-host';
import type { Theme } from './theme';
import { isUnobscured } from './visibility';

export interface ControlActions {
  approve(): Promise<'queued' | 'held'>;
  improve(): Promise<void>;
  rank(): Promise<void>;
  audit(): Promise<void>;
  /** Opens the panel with a comment on the words selected in the response. */
  comment(): Promise<void>;
}

/**
 * One response's controls. Made cheaply for every finished response; the DOM
 * is built only by `build()` (the overlay builds the ones in view at once and
 * the rest in idle time), and what is set before that is shown once built.
 */
export interface Controls {
  /** Builds the controls and puts them after the response, once. */
  build(): void;
  /** Puts the controls back after the response if the page removed them (built ones only). */
  place(): void;
  setGroupSize(size: number): void;
  /** Moves keyboard focus to the controls (their first button), centred with the end of the response above them. */
  focus(): void;
  /**
   * The keyboard command's approval: as a click on Approve, with the same
   * status on the controls (brought into view), which say how it went.
   */
  approve(): Promise<void>;
  /** For a lead: the team's reviews of this response in a line, with an Audit button; null hides them. */
  setAudit(summary: string | null): void;
  /** Matches the page's light or dark theme. */
  setTheme(theme: Theme): void;
  /** Shows "Comment" while words of this response are selected. */
  setSelected(selected: boolean): void;
  /** Names the reviewer's passage comments that could not be found in the response as the page shows it. */
  setLost(quotes: string[]): void;
  remove(): void;
}

const STYLE = `
  /* !important in a shadow root's :host beats the page's own !important rules. */
  /* content-visibility: the page does not lay out or paint controls off screen, as a response streams in
     and on every frame after; its paint containment clips at the padding, which leaves room for the focus ring.
     Until first drawn, the bar counts as one row of buttons high (the size is the content box's). */
  :host { all: initial !important; display: block !important; margin: 2px 0 8px !important; padding: 4px !important;
          content-visibility: auto !important; contain-intrinsic-size: auto 28px !important; }
  .bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; font: 13px/1.2 system-ui, sans-serif; }
  button { font: inherit; padding: 5px 10px; border-radius: 999px; cursor: pointer;
           border: 1px solid #8a94a6; background: #fff; color: #1d2433; }
  button:hover { background: #eef2f8; }
  button:focus-visible { outline: 2px solid #2f6fde; outline-offset: 2px; }
  /* Not opacity: a faded button counts as not visible to the check that Approve was not covered. */
  button[disabled] { color: #6b7280; border-style: dashed; cursor: default; }
  .brand { font-weight: 600; color: #45556c; margin-right: 2px; }
  .status { color: #45556c; }
  .status.error { color: #b3261e; }
  .reviews { color: #45556c; font-size: 12px; }
  .lost { color: #8a5a00; font-size: 12px; }
  [hidden] { display: none !important; }
  /* The page's own theme, not only the system's: see theme.ts. */
  :host([data-theme="dark"]) button { background: #1f2633; color: #e8edf5; border-color: #5c677a; }
  :host([data-theme="dark"]) button:hover { background: #2a3344; }
  :host([data-theme="dark"]) button[disabled] { color: #9aa5b8; }
  :host([data-theme="dark"]) .brand, :host([data-theme="dark"]) .status,
  :host([data-theme="dark"]) .reviews { color: #aeb9cc; }
  :host([data-theme="dark"]) .lost { color: #f0c36a; }
  :host([data-theme="dark"]) .status.error { color: #ff8a80; }
`;

/** What the controls show, kept while they are not built. */
interface State {
  groupSize: number;
  audit: string | null;
  theme: Theme | undefined;
  selected: boolean;
  lost: string[];
}

/** The built controls: the host element, and how to show a state in it. */
interface View {
  host: HTMLElement;
  render(state: State): void;
  /** Approves without the click's check for cover: a browser command, which page script cannot send. */
  approve(): Promise<void>;
  focus(): void;
}

/** The controls' own words, read from the catalogue once per page rather than once per response. */
let words:
  | Record<
      'lang' | 'group' | 'name' | 'approve' | 'improve' | 'audit' | 'comment' | 'queuing' | 'opening' | 'openingAudit',
      string
    >
  | undefined;
const wordsOf = () =>
  (words ??= {
    // The page may be in another language than the controls: a screen reader reads them in theirs.
    lang: browser.i18n.getUILanguage(),
    group: i18n.t('controls.group'),
    name: i18n.t('manifest.name'),
    approve: i18n.t('controls.approve'),
    improve: i18n.t('controls.improve'),
    audit: i18n.t('controls.audit'),
    comment: i18n.t('controls.comment'),
    queuing: i18n.t('controls.queuing'),
    opening: i18n.t('controls.openingPanel'),
    openingAudit: i18n.t('controls.openingAudit'),
  });

function buildView(actions: ControlActions): View {
  const said = wordsOf();
  const { host, root } = ownHost('attending-controls', STYLE);
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', said.group);
  bar.lang = said.lang;
  const brand = document.createElement('span');
  brand.className = 'brand';
  brand.textContent = said.name;
  brand.setAttribute('aria-hidden', 'true');
  const status = document.createElement('span');
  status.className = 'status';
  status.setAttribute('role', 'status');

  /** Each button's action and what the status says meanwhile; one listener on the bar serves them all. */
  const actionOf = new Map<EventTarget, { run: () => Promise<void>; busyText: string }>();
  const button = (label: string, run: () => Promise<void>, busyText: string) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    actionOf.set(b, { run, busyText });
    return b;
  };
  let busy = false;
  /**
   * Runs an action with the buttons disabled, saying meanwhile what it does,
   * then what came of it; one at a time (a keyboard command does not wait for
   * the buttons, so this is what keeps it from approving twice).
   */
  const perform = async (run: () => Promise<void>, busyText: string): Promise<void> => {
    if (busy) return;
    busy = true;
    const buttons = [...actionOf.keys()] as HTMLButtonElement[];
    for (const b of buttons) b.disabled = true;
    status.className = 'status';
    status.textContent = busyText;
    return run()
      .then(() => {
        if (status.textContent === busyText) status.textContent = '';
      })
      .catch((error: Error) => {
        status.className = 'status error';
        status.textContent = error.message;
      })
      .finally(() => {
        busy = false;
        for (const b of buttons) b.disabled = false;
      });
  };
  bar.addEventListener('click', (event) => {
    const clicked = event.target && actionOf.get(event.target);
    // Page script can dispatch synthetic clicks on anything it can reach; only the user's count.
    if (!clicked || !event.isTrusted) return;
    event.stopPropagation();
    void perform(clicked.run, clicked.busyText);
  });

  const approveAndSay = async () => {
    status.textContent = (await actions.approve()) === 'queued' ? i18n.t('controls.approved') : i18n.t('controls.held');
  };
  const approve = button(
    said.approve,
    async () => {
      // One click submits: only if nothing of the page's covered the button when it was clicked.
      if (!(await isUnobscured(approve))) {
        await actions.improve();
        status.textContent = i18n.t('controls.covered');
        return;
      }
      await approveAndSay();
    },
    said.queuing,
  );
  const improve = button(said.improve, actions.improve, said.opening);
  const rank = button('', actions.rank, said.opening);
  const audit = button(said.audit, actions.audit, said.openingAudit);
  const comment = button(said.comment, actions.comment, said.opening);
  // Pressing it must not clear the selection it comments on.
  comment.addEventListener('mousedown', (event) => event.preventDefault());
  const reviews = document.createElement('span');
  reviews.className = 'reviews';
  const lost = document.createElement('span');
  lost.className = 'lost';
  bar.append(brand, approve, improve, rank, comment, audit, reviews, lost, status);
  root.append(bar);

  const short = (q: string) => `“${q.length > 60 ? `${q.slice(0, 60)}…` : q}”`;
  return {
    host,
    render(state) {
      rank.hidden = state.groupSize < 2;
      if (!rank.hidden) rank.textContent = i18n.t('controls.rank', state.groupSize);
      audit.hidden = state.audit === null;
      reviews.textContent = state.audit ?? '';
      comment.hidden = !state.selected;
      lost.textContent = state.lost.length
        ? i18n.t('controls.lost', state.lost.length, { quotes: state.lost.map(short).join(', ') })
        : '';
      if (state.theme) host.setAttribute('data-theme', state.theme);
    },
    approve() {
      // In sight, so that the reviewer sees which response was approved and how it went.
      host.scrollIntoView({ block: 'nearest' });
      return perform(approveAndSay, said.queuing);
    },
    focus() {
      approve.focus({ preventScroll: true });
      // On screen, so that Enter approves (a button off screen does not count as seen: see visibility.ts).
      host.scrollIntoView({ block: 'center' });
    },
  };
}

export function createControls(response: Element, actions: ControlActions): Controls {
  const state: State = { groupSize: 1, audit: null, theme: undefined, selected: false, lost: [] };
  let view: View | undefined;
  /** Shows a change, if it is one: the overlay sets every response's state again on each pass over the page. */
  const update = <K extends keyof State>(key: K, value: State[K]) => {
    const was = state[key];
    const same =
      Array.isArray(value) && Array.isArray(was)
        ? value.length === was.length && value.every((v, i) => v === was[i])
        : value === was;
    if (same) return;
    state[key] = value;
    view?.render(state);
  };
  const place = () => {
    if (view && (!view.host.isConnected || view.host.previousElementSibling !== response)) response.after(view.host);
  };
  const build = () => {
    if (view) return;
    view = buildView(actions);
    view.render(state);
    place();
  };
  return {
    build,
    place,
    setGroupSize: (groupSize) => update('groupSize', groupSize),
    focus() {
      build();
      view?.focus();
    },
    approve() {
      build();
      return view?.approve() ?? Promise.resolve();
    },
    setAudit: (audit) => update('audit', audit),
    setLost: (lost) => update('lost', lost),
    setTheme: (theme) => update('theme', theme),
    setSelected(selected) {
      if (selected) build();
      update('selected', selected);
    },
    remove: () => view?.host.remove(),
  };
}
