/**
 * The team's projects: their guidelines, "next task" (the server hands out
 * the next eligible task, reserved for this expert), and, for a lead, how
 * well the project's experts agree.
 */
import { useState } from 'react';
import { browser } from 'wxt/browser';
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
      ['α steps', intra.stepsAlpha],
      ['α rubric', intra.rubricAlpha],
      ['τ', intra.rankingTau],
    ] as const
  ).filter(([, value]) => value !== null);
  const figures = shown.map(([name, value]) => `${name} ${figure(value)}`).join(', ');
  return `${figures || '—'} (${intra.reratings})`;
}

function Agreement({ report }: { report: AgreementReport }) {
  return (
    <div className="agreement-report">
      <p className="muted">
        {report.sharedTasks} tasks reviewed by two or more experts. “—”: not defined for the data yet.
      </p>
      <table>
        <caption className="sr-only">Agreement between the project's experts</caption>
        <tbody>
          <tr>
            <th scope="row">Verdicts, Krippendorff's α</th>
            <td>{figure(report.verdict.alpha)}</td>
          </tr>
          <tr>
            <th scope="row">Verdicts, Fleiss' κ</th>
            <td>{figure(report.verdict.fleissKappa)}</td>
          </tr>
          <tr>
            <th scope="row">Step ratings, α (ordinal)</th>
            <td>{figure(report.steps.alpha)}</td>
          </tr>
          <tr>
            <th scope="row">Rubric scores, α (interval)</th>
            <td>{figure(report.rubric.alpha)}</td>
          </tr>
          <tr>
            <th scope="row">Rankings, mean Kendall's W</th>
            <td>{figure(report.ranking.meanKendallW)}</td>
          </tr>
        </tbody>
      </table>
      {report.experts.length > 0 && (
        <table>
          <caption>Each expert</caption>
          <thead>
            <tr>
              <th scope="col">Expert</th>
              <th scope="col">Reviews</th>
              <th scope="col">κ vs others</th>
              <th scope="col">τ vs others</th>
              <th
                scope="col"
                title="Intra-rater agreement: each expert's re-ratings (tasks served to them again after the washout, without their earlier answer) against their first rating of the same tasks. κ: Cohen's kappa on verdicts; α: Krippendorff's alpha on step ratings (ordinal) or rubric scores (interval); τ: mean Kendall's tau-b on rankings. In brackets: tasks re-rated. Re-ratings count in none of the between-expert figures."
              >
                vs self
              </th>
              <th scope="col">Gold</th>
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
                <td>{e.goldItems ? `${Math.round((e.goldAccuracy ?? 0) * 100)}% of ${e.goldItems}` : '—'}</td>
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
      if (!claimed) setMessage('No task is waiting for you in this project.');
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
            aria-label={`Agreement in ${project.name}`}
          >
            Agreement
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void next()} aria-label={`Next task in ${project.name}`}>
          Next task
        </button>
      </div>
      {project.guidelines && (
        <details>
          <summary>Guidelines</summary>
          <Markdown text={project.guidelines} label={`Guidelines of ${project.name}`} />
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
      <h2 id="projects-heading">Projects</h2>
      <ul className="plain" aria-label="Projects">
        {projects.map((p) => (
          <ProjectItem key={p.id} project={p} lead={lead} />
        ))}
      </ul>
    </section>
  );
}
