/** A project: how a team's tasks are handed out and what its experts read first. */
import { z } from 'zod';
import { AssessmentConfig } from './assessment';
import { Specialty } from './clinical';
import { LIMITS } from './limits';
import { Task, taskCommon } from './task';

export const ProjectSettings = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    /** Markdown, shown to experts before their first task and one click away in the panel. */
    guidelines: z.string().max(LIMITS.reviewerText).default(''),
    /** How many independent experts must submit each task. */
    overlap: z.int().min(1).max(50).default(1),
    /** How long a claimed task stays reserved for its expert. */
    reservationMinutes: z.int().min(1).max(10_080).default(60),
    /** Only experts of this specialty may claim its tasks. */
    specialty: Specialty.optional(),
    /** The share of claims served from gold (quality-control) tasks. */
    goldRate: z.number().min(0).max(1).default(0),
    /** After submitting, experts may see the others' reviews of the same task. */
    allowCalibration: z.boolean().default(false),
    /** The clinical assessment asked on every response review: the standard axes shown and the project's own questions. */
    assessment: AssessmentConfig.prefault({}),
    // Re-ratings (rater consistency): absent, the project re-rates nothing.
    /**
     * Hand each expert this share of their own completed tasks again, once `washoutDays` have passed
     * since they rated it, without their earlier answer, marked as a re-rating.
     */
    rerating: z
      .strictObject({
        share: z.number().gt(0).max(0.5),
        washoutDays: z.int().min(1).max(365),
      })
      .optional(),
    /**
     * Blind comparison: each expert sees a ranking's responses in an order of
     * their own (per expert and task), labelled A, B, C… in that order, and no
     * model names. Absent: responses are shown as stored, with their models.
     */
    blind: z
      .strictObject({
        /** Once an expert has submitted a task, show them which model wrote each response. */
        revealModels: z.boolean().default(false),
      })
      .optional(),
  })
  .meta({ id: 'ProjectSettings' });

export const Project = ProjectSettings.extend({ id: z.uuid() }).meta({ id: 'Project' });
export type Project = z.infer<typeof Project>;

export const Projects = z.strictObject({ projects: z.array(Project) }).meta({ id: 'Projects' });

/** Tasks to add to a project; a gold task carries its expected answer, which experts never see. */
export const ProjectTasks = z
  .strictObject({
    tasks: z
      // Any JSON (the body is JSON); z.unknown, not z.json, whose recursion the OpenAPI generator cannot follow.
      .array(z.strictObject({ task: Task, gold: z.unknown().optional() }))
      .min(1)
      .max(1000),
  })
  .meta({ id: 'ProjectTasks' });

const responseText = z.string().min(1).max(LIMITS.turnText);

/**
 * A prompt and the responses of different models to it, which the server
 * makes a blind comparison of: a pairwise task for two responses, a ranking
 * for more. Without an id, the server names the task.
 */
const Comparison = z.strictObject({
  ...taskCommon,
  id: taskCommon.id.optional(),
  prompt: responseText,
  responses: z
    .array(z.strictObject({ model: z.string().trim().min(1).max(200), content: responseText }))
    .min(2)
    .max(20)
    .superRefine((responses, ctx) => {
      // Comparing a model with itself says nothing about models; a spelling difference is no other model.
      const first = new Map<string, number>();
      responses.forEach((response, i) => {
        const model = response.model.toLowerCase();
        const earlier = first.get(model);
        if (earlier !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'model'],
            message: `Each response must come from a different model: response ${earlier} is from ${response.model} too`,
          });
        } else first.set(model, i);
      });
    }),
  /** The reviewer must say why, in a short rationale. */
  rationaleRequired: z.boolean().optional(),
});

export const Comparisons = z
  .strictObject({ comparisons: z.array(Comparison).min(1).max(1000) })
  .meta({ id: 'Comparisons' });

/** The tasks made of comparisons, as stored: with their response ids and models (what experts never see). */
export const ComparisonTasks = z.strictObject({ tasks: z.array(Task) }).meta({ id: 'ComparisonTasks' });

export const NamedAssignment = z
  .strictObject({ taskId: z.string().min(1).max(100), userId: z.uuid(), dueAt: z.iso.datetime().optional() })
  .meta({ id: 'NamedAssignment' });

const statistic = z.number().nullable();

/** How well a project's experts agree (see utils/agreement/project.ts). */
export const AgreementReport = z
  .strictObject({
    sharedTasks: z.int(),
    verdict: z.strictObject({ alpha: statistic, fleissKappa: statistic, units: z.int() }),
    steps: z.strictObject({ alpha: statistic, units: z.int() }),
    rubric: z.strictObject({ alpha: statistic, units: z.int() }),
    ranking: z.strictObject({ meanKendallW: statistic, tasks: z.int() }),
    experts: z.array(
      z.strictObject({
        id: z.uuid(),
        name: z.string(),
        reviews: z.int(),
        verdictKappa: statistic,
        rankingTau: statistic,
        goldAccuracy: statistic,
        goldItems: z.int(),
        /** The expert against themselves: their re-ratings against their first rating of the same tasks. */
        intraRater: z.strictObject({
          /** Tasks rated twice. */
          reratings: z.int(),
          /** Cohen's kappa on verdicts (approve / improve). */
          verdictKappa: statistic,
          /** Krippendorff's alpha (ordinal) on step ratings. */
          stepsAlpha: statistic,
          /** Krippendorff's alpha (interval) on rubric scores. */
          rubricAlpha: statistic,
          /** Mean Kendall's tau-b between the two rankings of a task. */
          rankingTau: statistic,
        }),
      }),
    ),
  })
  .meta({ id: 'AgreementReport' });
export type AgreementReport = z.infer<typeof AgreementReport>;
