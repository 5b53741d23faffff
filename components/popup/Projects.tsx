/**
 * The team's projects: their guidelines, "next task" (the server hands out
 * the next eligible task, reserved for this expert), and, for a lead, how
 * well the project's experts agree.
 */

import { useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { Markdown } from '@/components/Markdown';
import { sendToBackground } from '@/utils/messages/send';
import type { AgreementReport, Project } from '@/utils/schema/project';

const figure = (x: number | null) => (x === null ? '—' : x.toFixed(2));

type IntraRater = AgreementReport['experts'][number]['intraRater'];

/** The expert against themselves: the first defined statistic of their re-ratings, named. */
function intraFigure(intra: IntraRater): string {
  if (intra.reratings === 0) return '—';
  const shown = (
    [
      ['κ', intra.verdictKappa],
      [i18n.t('popup.agreement.alphaSteps'), intra.stepsAlpha],
      [i18n.t('popup.agreement.alphaRubric'), intra.rubricAlpha],
      ['τ', intra.rankingTau],
    ] as const
  ).filter(([, value]) => value !== null);
  const figures = shown.map(([name, value]) => `${name} ${figure(value)}`).join(', ');
  return `${figures || '—'} (${intra.reratings})`;
}

function Agreement({ report }: { report: AgreementReport }) {
  return (
    <div className="agreement-report">
      <p className="muted">{i18n.t('popup.agreement.shared', report.sharedTasks)}</p>
      <table>
        <caption className="sr-only">{i18n.t('popup.agreement.caption')}</caption>
        <tbody>
          <tr>
            <th scope="row">{i18n.t('popup.agreement.verdictAlpha')}</th>
            <td>{figure(report.verdict.alpha)}</td>
          </tr>
          <tr>
            <th scope="row">{i18n.t('popup.agreement.verdictKappa')}</th>
            <td>{figure(report.verdict.fleissKappa)}</td>
          </tr>
          <tr>
            <th scope="row">{i18n.t('popup.agreement.steps')}</th>
            <td>{figure(report.steps.alpha)}</td>
          </tr>
          <tr>
            <th scope="row">{i18n.t('popup.agreement.rubric')}</th>
            <td>{figure(report.rubric.alpha)}</td>
          </tr>
          <tr>
            <th scope="row">{i18n.t('popup.agreement.ranking')}</th>
            <td>{figure(report.ranking.meanKendallW)}</td>
          </tr>
        </tbody>
      </table>
      {report.experts.length > 0 && (
        <table>
          <caption>{i18n.t('popup.agreement.experts')}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t('popup.agreement.expert')}</th>
              <th scope="col">{i18n.t('popup.agreement.reviews')}</th>
              <th scope="col">{i18n.t('popup.agreement.kappaOthers')}</th>
              <th scope="col">{i18n.t('popup.agreement.tauOthers')}</th>
              <th scope="col" title={i18n.t('popup.agreement.selfHint')}>
                {i18n.t('popup.agreement.self')}
              </th>
              <th scope="col">{i18n.t('popup.agreement.gold')}</th>
            </tr>
          </thead>
          <tbody>
            {report.experts.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.name}</th>
                <td>{e.reviews}</td>
                <td>{figure(e.verdictKappa)}</td>
                <td>{figure(e.rankingTau)}</td>
                <td>{intraFigure(e.intraRater)}</td>
                <td>
                  {e.goldItems
                    ? i18n.t('popup.agreement.goldOf', {
                        percent: Math.round((e.goldAccuracy ?? 0) * 100),
                        items: e.goldItems,
                      })
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ProjectItem({ project, lead }: { project: Project; lead: boolean }) {
  const [message, setMessage] = useState<string>();
  const [report, setReport] = useState<AgreementReport>();
  const [busy, setBusy] = useState(false);
  const [guidelinesOpen, setGuidelinesOpen] = useState(false);
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await work();
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const next = () =>
    act(async () => {
      const claimed = await sendToBackground({ type: 'projects.claim', projectId: project.id });
      if (!claimed) setMessage(i18n.t('popup.projects.noTask'));
      else if (!(await browser.tabs.getCurrent())) window.close();
    });
  const agreement = () =>
    act(async () => setReport(await sendToBackground({ type: 'projects.agreement', projectId: project.id })));
  return (
    <li>
      <div className="row">
        <strong>{project.name}</strong>
        <span className="spacer" />
        {lead && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void agreement()}
            aria-label={i18n.t('popup.projects.agreementIn', { project: project.name })}
          >
            {i18n.t('popup.projects.agreement')}
          </button>
        )}
        <button
          type="button"
          disabled={busy}
          onClick={() => void next()}
          aria-label={i18n.t('popup.projects.nextIn', { project: project.name })}
        >
          {i18n.t('popup.projects.next')}
        </button>
      </div>
      {/* Guidelines are rendered (markdown, sanitized) only when opened: the renderer's code loads then too. */}
      {project.guidelines && (
        <details onToggle={(event) => setGuidelinesOpen(event.currentTarget.open)}>
          <summary>{i18n.t('popup.projects.guidelines')}</summary>
          {guidelinesOpen && (
            <Markdown
              text={project.guidelines}
              label={i18n.t('popup.projects.guidelinesOf', { project: project.name })}
            />
          )}
        </details>
      )}
      {message && <p role="status">{message}</p>}
      {report && <Agreement report={report} />}
    </li>
  );
}

export function Projects({ projects, lead }: { projects: Project[]; lead: boolean }) {
  if (projects.length === 0) return null;
  return (
    <section aria-labelledby="projects-heading">
      <h2 id="projects-heading">{i18n.t('popup.projects.heading')}</h2>
      <ul className="plain" aria-label={i18n.t('popup.projects.heading')}>
        {projects.map((p) => (
          <ProjectItem key={p.id} project={p} lead={lead} />
        ))}
      </ul>
    </section>
  );
}
