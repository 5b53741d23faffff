/**
 * The review panel's form: the tabs a focus allows, the details every review
 * carries, the PHI guard, and submission. The form state is saved as a draft
 * on every change (and with Ctrl+S), so a closed tab or a crash loses nothing.
 */

import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { i18n } from '#i18n';
import { Markdown } from '@/components/Markdown';
import { SLOT, withNodes } from '@/components/sentence';
import { useActiveTime } from '@/components/useActiveTime';
import { sendToBackground } from '@/utils/messages/send';
import { findCapturePhi, redactCapture } from '@/utils/review/capture-privacy';
import { detectPhi } from '@/utils/review/phi';
import { AssessmentForm } from './AssessmentForm';
import { buildReview, type Problem, type Verdict, writtenTexts } from './build-review';
import { CaptureCheck, partLabel } from './CaptureCheck';
import { PromptOf, TaskChoice } from './Context';
import { DetailsSection } from './Details';
import {
  assesses,
  assessmentConfig,
  type Draft,
  type ReviewSession,
  restoreDraft,
  stepSource,
  type Tab,
} from './draft';
import { PairwiseTab } from './PairwiseTab';
import { PassagesSection } from './Passages';
import { type LocatedFinding, PhiGuard } from './PhiGuard';
import { PromptTab } from './PromptTab';
import { ReviewTab } from './ReviewTab';
import { RubricTab } from './RubricTab';
import { Shortcuts } from './Shortcuts';
import { StepsTab } from './StepsTab';

const SAVE_AFTER_MS = 400;

// Ranking's drag and drop (dnd-kit) loads only when responses are ranked.
const RankTab = lazy(() => import('./RankTab').then((m) => ({ default: m.RankTab })));

const TAB_LABEL: Record<Tab, () => string> = {
  review: () => i18n.t('panel.tabs.review'),
  steps: () => i18n.t('panel.tabs.steps'),
  rank: () => i18n.t('panel.tabs.rank'),
  pairwise: () => i18n.t('panel.tabs.pairwise'),
  rubric: () => i18n.t('panel.tabs.rubric'),
  prompt: () => i18n.t('panel.tabs.prompt'),
};

/** What submits: a verdict on the "Approve or improve" tab, else the tab's work. */
type SubmitAction = 'improve' | 'approve' | Exclude<Tab, 'review'>;

const SUBMIT_LABEL: Record<SubmitAction, () => string> = {
  improve: () => i18n.t('panel.submit.improve'),
  approve: () => i18n.t('panel.submit.approve'),
  steps: () => i18n.t('panel.submit.steps'),
  rank: () => i18n.t('panel.submit.rank'),
  pairwise: () => i18n.t('panel.submit.pairwise'),
  rubric: () => i18n.t('panel.submit.rubric'),
  prompt: () => i18n.t('panel.submit.prompt'),
};

/** A lead's fix is sent as "accept, with this correction". */
const FIX_SUBMIT_LABEL: Record<SubmitAction, () => string> = {
  improve: () => i18n.t('panel.fixSubmit.improve'),
  approve: () => i18n.t('panel.fixSubmit.approve'),
  steps: () => i18n.t('panel.fixSubmit.steps'),
  rank: () => i18n.t('panel.fixSubmit.rank'),
  pairwise: () => i18n.t('panel.fixSubmit.pairwise'),
  rubric: () => i18n.t('panel.fixSubmit.rubric'),
  prompt: () => i18n.t('panel.fixSubmit.prompt'),
};

/** The keys that submit and go on to the next task (see the handler below). */
const NEXT_KEYS = 'Ctrl+Shift+Enter';

function tabsFor(focus: ReviewSession['focus']): Tab[] {
  switch (focus.kind) {
    case 'response':
      return ['review', 'steps'];
    case 'rank':
      return focus.turns.length === 2 ? ['pairwise', 'rank'] : ['rank'];
    default:
      return [focus.kind];
  }
}

/** The id of the form element a problem's field names. */
function elementIdOf(field: string): string {
  const [head, index] = field.split('.');
  if (head === 'steps') return `step-${index}-rewrite`;
  if (head === 'flag') return `flag-${index}-note`;
  return index === undefined ? field : `${head}-${index}`;
}

export function ReviewPanel({
  session,
  sessionId,
  onQueued,
}: {
  session: ReviewSession;
  sessionId: string;
  /** `next`: the reviewer asked to go on to their next task. */
  onQueued(next: boolean): void;
}) {
  const [draft, setDraft] = useState<Draft>(() => restoreDraft(session));
  const activeMs = useActiveTime(draft.activeMs);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [findings, setFindings] = useState<LocatedFinding[]>([]);
  const [phiConfirmed, setPhiConfirmed] = useState(false);
  // A lead's fix sends no capture: only the conversation of a new review is checked.
  const captureFindings = useMemo(
    () => (session.capture && !session.fix ? findCapturePhi(session.capture) : []),
    [session.capture, session.fix],
  );
  const [redacted, setRedacted] = useState<ReadonlySet<number>>(new Set());
  const redactions = () =>
    captureFindings.filter((_, i) => redacted.has(i)).map(({ where, start, end }) => ({ ...where, start, end }));
  const [busy, setBusy] = useState(false);
  const [sendError, setSendError] = useState<string>();
  const [saved, setSaved] = useState<'saved' | 'unsaved'>('saved');
  const [help, setHelp] = useState(false);
  const first = useRef(true);

  const save = useCallback(
    (state: Draft) =>
      // Through JSON: a draft is plain data (fields left unset are left out).
      sendToBackground({
        type: 'draft.save',
        sessionId,
        state: JSON.parse(JSON.stringify({ ...state, activeMs: activeMs() })),
      }).then(
        () => setSaved('saved'),
        () => setSaved('unsaved'),
      ),
    [sessionId, activeMs],
  );

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setSaved('unsaved');
    const timer = setTimeout(() => void save(draft), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, save]);

  const update =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  async function submit(verdict: Verdict, next = false) {
    setSendError(undefined);
    const found: LocatedFinding[] = [
      ...writtenTexts(draft, draft.tab, verdict).flatMap(({ field, label, text }) =>
        detectPhi(text).map((finding) => ({ ...finding, field, label, text })),
      ),
      ...captureFindings
        .filter((_, i) => !redacted.has(i))
        .map((f) => ({
          ...f,
          field: 'capture',
          label: session.capture ? partLabel(session.capture, f.where) : i18n.t('panel.capture.conversation'),
        })),
    ];
    setFindings(found);
    if (found.length && !phiConfirmed) return;
    const built = buildReview(draft, session, { verdict, activeMs: activeMs(), phiConfirmed: found.length > 0 });
    if (!built.ok) {
      setProblems(built.problems);
      const field = built.problems[0]?.field;
      if (field) document.getElementById(elementIdOf(field))?.focus();
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      await sendToBackground({
        type: 'panel.submit',
        sessionId,
        review: built.review,
        ...(draft.taskId ? { taskId: draft.taskId } : {}),
        ...(redacted.size ? { redactions: redactions() } : {}),
      });
      onQueued(next);
    } catch (error) {
      setSendError((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const response = 'turn' in session.focus ? (session.capture?.turns[session.focus.turn]?.text ?? '') : '';
  const primary: Verdict = 'improve';
  /** Submitting to go on approves an unedited response: there is nothing to improve. */
  const nextVerdict = (): Verdict =>
    draft.tab === 'review' && draft.review.rewrite.trim() === response.trim() ? 'approve' : primary;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const typing = event.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
      if (mod && event.shiftKey && event.key === 'Enter' && session.task) void submit(nextVerdict(), true);
      else if (mod && event.key === 'Enter') void submit(primary);
      else if (mod && event.key === 's') void save(draft);
      else if (event.altKey && event.key === 'a' && draft.tab === 'review') void submit('approve');
      else if (event.key === '?' && !typing) setHelp((h) => !h);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const { focus, capture, fix } = session;
  const tabs = tabsFor(focus);
  const label = (action: SubmitAction) => (fix ? FIX_SUBMIT_LABEL : SUBMIT_LABEL)[action]();
  /** The turn whose prompt is shown above the form: none for writing a prompt. */
  const promptTurn = focus.kind === 'prompt' ? undefined : focus.kind === 'rank' ? (focus.turns[0] ?? 0) : focus.turn;
  /** The response whose passages can be commented on, on a tab that assesses it. */
  const passagesTurn = assesses(draft.tab) && 'turn' in focus ? focus.turn : undefined;
  /** The chosen tab's form. */
  const tabPanel = (): ReactNode => {
    switch (draft.tab) {
      case 'review':
        return <ReviewTab original={response} draft={draft.review} update={update('review')} problems={problems} />;
      case 'steps':
        return (
          <StepsTab
            draft={draft.steps}
            update={update('steps')}
            problems={problems}
            source={stepSource(session).source}
          />
        );
      case 'rank':
        return capture && focus.kind === 'rank' ? (
          <Suspense fallback={<p className="muted">{i18n.t('panel.loading')}</p>}>
            <RankTab capture={capture} turns={focus.turns} draft={draft.rank} update={update('rank')} />
          </Suspense>
        ) : null;
      case 'pairwise':
        return capture && focus.kind === 'rank' ? (
          <PairwiseTab
            capture={capture}
            turns={focus.turns}
            draft={draft.pairwise}
            update={update('pairwise')}
            problems={problems}
          />
        ) : null;
      case 'rubric':
        return focus.kind === 'rubric' ? (
          <RubricTab response={response} rubric={focus.rubric} draft={draft.rubric} update={update('rubric')} />
        ) : null;
      case 'prompt':
        return focus.kind === 'prompt' ? (
          <PromptTab
            instructions={focus.instructions}
            requirements={focus.requirements}
            draft={draft.prompt}
            update={update('prompt')}
            problems={problems}
          />
        ) : null;
    }
  };
  return (
    <>
      {help && <Shortcuts onClose={() => setHelp(false)} />}
      {fix && (
        <p className="note" role="note">
          {i18n.t('panel.fixNote', { expert: fix.expert })}
        </p>
      )}
      {session.guidelines && (
        <details className="card" open={session.guidelines.first}>
          <summary>
            {session.guidelines.first ? i18n.t('panel.guidelines.first') : i18n.t('panel.guidelines.title')}
          </summary>
          <Markdown text={session.guidelines.markdown} label={i18n.t('panel.guidelines.title')} />
        </details>
      )}
      {capture && captureFindings.length > 0 && (
        <CaptureCheck
          capture={capture}
          findings={captureFindings}
          redacted={redacted}
          onToggle={(indexes, redact) =>
            setRedacted((r) => {
              const next = new Set(r);
              for (const i of indexes) redact ? next.add(i) : next.delete(i);
              return next;
            })
          }
          sent={() => redactCapture(capture, redactions())}
        />
      )}
      {capture && promptTurn !== undefined && <PromptOf capture={capture} turn={promptTurn} />}
      {tabs.length > 1 && (
        <div className="row tabs" role="tablist" aria-label={i18n.t('panel.tabs.label')}>
          {tabs.map((tab) => (
            <button
              key={tab}
              type="button"
              role="tab"
              aria-selected={draft.tab === tab}
              onClick={() => setDraft((d) => ({ ...d, tab }))}
            >
              {TAB_LABEL[tab]()}
            </button>
          ))}
        </div>
      )}
      <div {...(tabs.length > 1 ? { role: 'tabpanel', 'aria-label': TAB_LABEL[draft.tab]() } : {})}>{tabPanel()}</div>
      {passagesTurn !== undefined && (
        <PassagesSection
          text={response}
          turn={passagesTurn}
          passages={draft.details.passages}
          update={(passages) => setDraft((d) => ({ ...d, details: { ...d.details, passages } }))}
          editing={draft.editingPassage}
          setEditing={(editingPassage) =>
            setDraft(({ editingPassage: _, ...d }) => ({ ...d, ...(editingPassage ? { editingPassage } : {}) }))
          }
        />
      )}
      {assesses(draft.tab) && (
        <AssessmentForm
          config={assessmentConfig(session)}
          draft={draft.details.assessment}
          update={(assessment) => setDraft((d) => ({ ...d, details: { ...d.details, assessment } }))}
          safetyFlags={draft.details.safetyFlags}
          problems={problems}
        />
      )}
      <DetailsSection
        draft={draft.details}
        update={update('details')}
        problems={problems}
        commentLabel={
          draft.tab === 'rank' || draft.tab === 'pairwise'
            ? session.task?.rationaleRequired
              ? i18n.t('panel.comment.orderRequired')
              : i18n.t('panel.comment.order')
            : i18n.t('panel.comment.label')
        }
      />
      {!session.task && !fix && <TaskChoice tasks={session.tasks} value={draft.taskId} onChange={update('taskId')} />}
      {findings.length > 0 && (
        <PhiGuard
          findings={findings}
          confirmed={phiConfirmed}
          onConfirm={setPhiConfirmed}
          onFix={(field) => document.getElementById(elementIdOf(field))?.focus()}
        />
      )}
      {problems.length > 0 && (
        <p className="error" role="alert">
          {problems.length === 1
            ? problems[0]?.message
            : i18n.t('panel.problems', problems.length, { first: problems[0]?.message ?? '' })}
        </p>
      )}
      {sendError && (
        <p className="error" role="alert">
          {sendError}
        </p>
      )}
      <div className="row actions">
        {draft.tab === 'review' ? (
          <>
            <button className="primary" type="button" disabled={busy} onClick={() => void submit('improve')}>
              {label('improve')}
            </button>
            <button type="button" disabled={busy} onClick={() => void submit('approve')}>
              {label('approve')}
            </button>
          </>
        ) : (
          <button className="primary" type="button" disabled={busy} onClick={() => void submit(primary)}>
            {label(draft.tab)}
          </button>
        )}
        <span className="spacer" />
        {session.task && (
          <span className="muted">{withNodes(i18n.t('panel.nextTask', { keys: SLOT }), <kbd>{NEXT_KEYS}</kbd>)}</span>
        )}
        <span className="muted" role="status">
          {saved === 'saved' ? i18n.t('panel.draft.saved') : i18n.t('panel.draft.saving')}
        </span>
      </div>
    </>
  );
}
