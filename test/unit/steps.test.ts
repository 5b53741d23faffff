// @vitest-environment happy-dom
// The DOM is only for the round trip through the extension's reader (markdown → HTML → light markdown);
// the splitter itself is pure.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { elementText } from '../../utils/adapters/text';
import { mergeSteps, type Split, splitStep, splitSteps } from '../../utils/review/steps';

const CLINICAL = join(dirname(fileURLToPath(import.meta.url)), '../../server/demo/clinical');

interface CotTask {
  id: string;
  kind: string;
  response: { content: string };
  step_format: string;
  steps: string[];
  non_step_text: string[];
}

interface Turn {
  id: string;
  role: string;
  content: string;
  steps?: string[];
  step_format?: string;
  variants?: { id: string; content: string }[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(CLINICAL, file), 'utf8')) as T;
}

const cotTasks = readJson<{ tasks: CotTask[] }>('tasks.json').tasks.filter(
  (t) => t.kind === 'correct_chain_of_thought',
);
const turns = readJson<{ turns: Turn[] }>('conversation.json').turns;
const sepsisTurn = turns.find((t) => t.id === 't2');

/** Assistant responses of the demo conversation, regenerated variants included. */
const responses = turns
  .filter((t) => t.role === 'assistant')
  .flatMap((t) => t.variants ?? [{ id: t.id, content: t.content }]);

/** The text the extension reads from a page that rendered `markdown`, as it reads it. */
function lightMarkdown(markdown: string): string {
  const div = document.createElement('div');
  div.innerHTML = marked.parse(markdown, { async: false });
  return elementText(div);
}

/** Text without whitespace, to compare text that only differs in blank lines or indentation. */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Step text compared up to what rendering does not keep: whitespace runs and a table's rule line
 * ("|---|" in the source, "| --- |" from the reader).
 */
function normalise(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*\|[\s|:-]+\|\s*$/.test(line))
    .join('\n')
    .replace(/\s+/g, ' ')
    .trim();
}

function allParts(split: Split): string[] {
  return [...split.before, ...split.steps, ...split.after];
}

describe('splitSteps on the clinical chain-of-thought fixtures', () => {
  it('covers the three step formats', () => {
    expect(cotTasks.map((t) => [t.id, t.step_format])).toEqual([
      ['clin-t04', 'step_prefix'],
      ['clin-t05', 'numbered_list'],
      ['clin-t06', 'paragraphs'],
    ]);
  });

  it.each(cotTasks.map((t) => [t.id, t] as const))('%s: format and steps as annotated', (_, task) => {
    const split = splitSteps(task.response.content);
    expect(split.format).toBe(task.step_format);
    expect(split.steps).toEqual(task.steps);
  });

  it.each(cotTasks.map((t) => [t.id, t] as const))('%s: preamble and answer stay out of the steps', (_, task) => {
    const split = splitSteps(task.response.content);
    for (const text of task.non_step_text) {
      expect([...split.before, ...split.after]).toContain(text);
      expect(split.steps.some((s) => s.includes(text))).toBe(false);
    }
  });

  it.each(cotTasks.map((t) => [t.id, t] as const))('%s: loses no text but the step markers', (_, task) => {
    const withoutMarkers = task.response.content.replace(/^(?:Step \d+: |\d+\. )/gm, '');
    expect(squash(allParts(splitSteps(task.response.content)).join(''))).toBe(squash(withoutMarkers));
  });
});

describe('splitSteps on the demo conversation', () => {
  const raw = sepsisTurn?.content ?? '';

  it('t2: numbered steps under a heading, nested bullets kept in step 6, bottom line after', () => {
    const split = splitSteps(raw);
    expect(sepsisTurn?.step_format).toBe('numbered_list');
    expect(split.format).toBe('numbered_list');
    expect(split.steps).toEqual(sepsisTurn?.steps);
    expect(split.steps[5]).toMatch(/\n {3}- Two sets of blood cultures/);
    expect(split.before).toEqual(['## Is this sepsis? Step by step']);
    expect(split.after).toHaveLength(1);
    expect(split.after[0]).toMatch(/^\*\*Bottom line:\*\* /);
  });

  it('t2: the same steps after a round trip through the light markdown the extension reads', () => {
    const read = lightMarkdown(raw);
    // The round trip does change the text: the loose list comes back tight.
    expect(read).not.toBe(raw);
    expect(read).toMatch(/source\.\n2\. \*\*SIRS/);
    const split = splitSteps(read);
    expect(split.format).toBe('numbered_list');
    // Here the steps survive exactly; only the blank lines between items were lost, and those are not in a step.
    expect(split.steps).toEqual(sepsisTurn?.steps);
    expect(split.before).toEqual(splitSteps(raw).before);
    expect(split.after).toEqual(splitSteps(raw).after);
  });

  it.each(responses.map((r) => [r.id, r.content] as const))(
    '%s: same segmentation from the markdown and from its light-markdown reading (whitespace and table rules normalised)',
    (_, content) => {
      const fromSource = splitSteps(content);
      const fromPage = splitSteps(lightMarkdown(content));
      expect(fromPage.format).toBe(fromSource.format);
      // Normalised because the reader writes table rules as "| --- |" where the source has "|---|".
      expect(fromPage.steps.map(normalise)).toEqual(fromSource.steps.map(normalise));
      expect(fromPage.before.map(normalise)).toEqual(fromSource.before.map(normalise));
      expect(fromPage.after.map(normalise)).toEqual(fromSource.after.map(normalise));
    },
  );

  it('t4 variant 1: the table and the code block with a blank line each stay one step', () => {
    const variant = responses.find((r) => r.id === 't4-v1');
    const split = splitSteps(variant?.content ?? '');
    expect(split.format).toBe('paragraphs');
    expect(split.steps).toHaveLength(4);
    expect(split.steps[1]).toMatch(/^\| Priority[\s\S]*\| 7 \| Source control[\s\S]*\|$/);
    expect(split.steps[2]).toMatch(/^```text\n[\s\S]*\n\nVasopressor\n[\s\S]*\n```$/);
  });
});

describe('splitSteps: step_prefix', () => {
  it('accepts "Step N:", "Step N.", "Step N -", "Step N)" in any case', () => {
    const split = splitSteps(
      'Step 1. Check airway.\nSTEP 2 - Check breathing.\nstep 3: Check circulation.\nStep 4) Disability.',
    );
    expect(split).toEqual({
      format: 'step_prefix',
      before: [],
      steps: ['Check airway.', 'Check breathing.', 'Check circulation.', 'Disability.'],
      after: [],
    });
  });

  it('does not take prose or decimals for markers', () => {
    const split = splitSteps(
      'Step 1: Give oxygen.\nStep 2 is optional here.\nStep 1.5 of the protocol applies.\nStep 2: Give fluids.',
    );
    expect(split.steps).toEqual([
      'Give oxygen.\nStep 2 is optional here.\nStep 1.5 of the protocol applies.',
      'Give fluids.',
    ]);
  });

  it('accepts bold markers, with the separator inside or outside the bold, and keeps a bold title bold', () => {
    const split = splitSteps(
      '**Step 1:** Estimate the pretest probability.\n\n**Step 2**: Apply the rule.\n\n**Step 3: Decide**\nDischarge or admit.',
    );
    expect(split.format).toBe('step_prefix');
    expect(split.steps).toEqual([
      'Estimate the pretest probability.',
      'Apply the rule.',
      '**Decide**\nDischarge or admit.',
    ]);
  });

  it('accepts headings "### Step 2", with the step body on the lines below', () => {
    const split = splitSteps(
      '# Triage\n\nWorking through ABC.\n\n### Step 1\nAirway is patent.\n\n### Step 2: Breathing\n\nRR 24, SpO2 96%.\n\n| Sign | Value |\n| --- | --- |\n| RR | 24 |\n\n**Answer:** stable airway; monitor breathing.',
    );
    expect(split).toEqual({
      format: 'step_prefix',
      before: ['# Triage', 'Working through ABC.'],
      steps: ['Airway is patent.', 'Breathing\n\nRR 24, SpO2 96%.\n\n| Sign | Value |\n| --- | --- |\n| RR | 24 |'],
      after: ['**Answer:** stable airway; monitor breathing.'],
    });
  });

  it.each([
    'Answer: 4',
    '**Answer:** 4',
    'Final answer: 4',
    'Therefore the score is 4.',
    'In summary, moderate risk.',
    'Summary: moderate risk.',
    '**Bottom line:** moderate risk.',
    'Conclusion: moderate risk.',
    '## Conclusion',
  ])('moves a trailing "%s" paragraph after the steps', (ending) => {
    const split = splitSteps(`Step 1: Score it.\n\nStep 2: Add it up.\nStill step 2.\n\n${ending}\n\nThanks.`);
    expect(split.steps).toEqual(['Score it.', 'Add it up.\nStill step 2.']);
    expect(split.after).toEqual([ending, 'Thanks.']);
  });

  it('keeps a last step that merely starts with a conclusion word', () => {
    expect(splitSteps('Step 1: Score it.\n\nStep 2: Therefore the score is 4.').steps).toEqual([
      'Score it.',
      'Therefore the score is 4.',
    ]);
  });

  it('wins over a numbered list inside the steps', () => {
    const split = splitSteps('Step 1: Look for:\n1. fever\n2. tachycardia\n\nStep 2: Count them.');
    expect(split.format).toBe('step_prefix');
    expect(split.steps).toEqual(['Look for:\n1. fever\n2. tachycardia', 'Count them.']);
  });

  it('never splits inside a code block', () => {
    const split = splitSteps(
      'Step 1: Compute:\n```\nStep 2: not a marker\n\nStep 3: nor this\n```\nStep 2: Read the result.',
    );
    expect(split.steps).toEqual(['Compute:\n```\nStep 2: not a marker\n\nStep 3: nor this\n```', 'Read the result.']);
  });

  it('reads Windows line endings', () => {
    expect(splitSteps('Step 1: a\r\nStep 2: b\r\n').steps).toEqual(['a', 'b']);
  });
});

describe('splitSteps: numbered_list', () => {
  it('takes "N)" items with a preamble, nested lines and a conclusion', () => {
    const split = splitSteps(
      'Reasoning:\n1) Calculate the P/F ratio.\n2) Classify severity:\n   - mild 200–300\n   - severe ≤100\n3) Set the tidal volume.\n\nAnswer: severe ARDS.',
    );
    expect(split).toEqual({
      format: 'numbered_list',
      before: ['Reasoning:'],
      steps: [
        'Calculate the P/F ratio.',
        'Classify severity:\n   - mild 200–300\n   - severe ≤100',
        'Set the tidal volume.',
      ],
      after: ['Answer: severe ARDS.'],
    });
  });

  it('ends the list at a non-indented paragraph that is not the next item, whatever it says', () => {
    const split = splitSteps('1. First.\n2. Second.\n   More on the second.\n\nHope this helps.');
    expect(split.steps).toEqual(['First.', 'Second.\n   More on the second.']);
    expect(split.after).toEqual(['Hope this helps.']);
  });

  it('keeps a non-indented block between two items in the earlier item, since the numbering goes on', () => {
    const split = splitSteps('1. Compute the dose.\n\n```\n70 kg x 30 mL/kg = 2100 mL\n```\n\n2. Give it over 3 h.');
    expect(split.steps).toEqual(['Compute the dose.\n\n```\n70 kg x 30 mL/kg = 2100 mL\n```', 'Give it over 3 h.']);
  });

  it('does not split on numbered lines inside a code fence', () => {
    const split = splitSteps('1. Order set:\n   ```\n   1. not a step\n\n   2. nor this\n   ```\n2. Sign it.');
    expect(split.steps).toEqual(['Order set:\n   ```\n   1. not a step\n\n   2. nor this\n   ```', 'Sign it.']);
  });

  it('keeps indented tables inside their item', () => {
    const split = splitSteps('1. Doses:\n   | Drug | Dose |\n   | --- | --- |\n   | NE | 0.05 |\n2. Titrate.');
    expect(split.steps[0]).toBe('Doses:\n   | Drug | Dose |\n   | --- | --- |\n   | NE | 0.05 |');
  });

  it('takes the longer list when numbering restarts; the other list stays outside the steps', () => {
    const text =
      'Differential:\n1. Pyelonephritis\n2. Appendicitis\n\nReasoning:\n1. Fever and flank pain.\n2. Urinalysis positive.\n3. So pyelonephritis.\n\nAnswer: pyelonephritis.';
    expect(splitSteps(text)).toEqual({
      format: 'numbered_list',
      before: ['Differential:\n1. Pyelonephritis\n2. Appendicitis', 'Reasoning:'],
      steps: ['Fever and flank pain.', 'Urinalysis positive.', 'So pyelonephritis.'],
      after: ['Answer: pyelonephritis.'],
    });
  });

  it('takes the first list when two restarting lists are as long', () => {
    const split = splitSteps('1. a\n2. b\n1. c\n2. d');
    expect(split.steps).toEqual(['a', 'b']);
    expect(split.after).toEqual(['1. c\n2. d']);
  });

  it('reads "1. 1. 1." as one list, as markdown renumbers it', () => {
    expect(splitSteps('1. a\n1. b\n1. c').steps).toEqual(['a', 'b', 'c']);
  });

  it('accepts gaps in the numbering and a list that does not start at 1', () => {
    expect(splitSteps('3. c\n4. d\n6. f').steps).toEqual(['c', 'd', 'f']);
  });

  it('ignores indented numbers and falls back when there is a single item', () => {
    const split = splitSteps('Plan:\n\n1. Only one item.\n   2. indented, not top level\n\nMore text.');
    expect(split.format).toBe('paragraphs');
    expect(split.before).toEqual(['Plan:']);
    expect(split.steps).toEqual(['1. Only one item.\n   2. indented, not top level', 'More text.']);
  });
});

describe('splitSteps: bullets', () => {
  it('takes "- ", "* " and "• " items with continuation lines, a preamble and a conclusion', () => {
    const split = splitSteps(
      'Findings:\n\n- Fever 38.9 °C\n- Tachycardia\n  118/min\n* Tachypnoea\n• Lactate 4.3\n\n---\n\nConclusion: sepsis likely.',
    );
    expect(split).toEqual({
      format: 'bullets',
      before: ['Findings:'],
      steps: ['Fever 38.9 °C', 'Tachycardia\n  118/min', 'Tachypnoea', 'Lactate 4.3'],
      after: ['---', 'Conclusion: sepsis likely.'],
    });
  });

  it('does not read a horizontal rule or bold text as a bullet', () => {
    const split = splitSteps('**Plan** first.\n\n* * *\n\n**Then** more.\n\n- - -\n\nDone.');
    expect(split.format).toBe('paragraphs');
    expect(split.steps).toHaveLength(5);
  });

  it('ends a bullet list at a non-indented paragraph and takes the longer list', () => {
    const split = splitSteps('- a\n- b\n\nPlan:\n\n- c\n- d\n- e');
    expect(split.steps).toEqual(['c', 'd', 'e']);
    expect(split.before).toEqual(['- a\n- b', 'Plan:']);
  });
});

describe('splitSteps: paragraphs', () => {
  it('makes each paragraph a step, leading headings and labels before, a labelled answer after', () => {
    const split = splitSteps(
      '# Assessment\n\nReasoning:\n\nShe is febrile.\n\n## Plan\n\nStart antibiotics.\n\n```\nline 1\n\nline 2\n```\n\n**Answer:** treat as sepsis.',
    );
    expect(split).toEqual({
      format: 'paragraphs',
      before: ['# Assessment', 'Reasoning:'],
      // A heading further down joins the paragraph it introduces, and a code block stays whole.
      steps: ['She is febrile.', '## Plan\n\nStart antibiotics.', '```\nline 1\n\nline 2\n```'],
      after: ['**Answer:** treat as sepsis.'],
    });
  });

  it('keeps an unlabelled last paragraph as a step', () => {
    expect(splitSteps('Fluids first.\n\nTherefore, start fluids.').steps).toEqual([
      'Fluids first.',
      'Therefore, start fluids.',
    ]);
  });

  it('makes text without structure one step', () => {
    expect(splitSteps('Sepsis is likely.\nStart the bundle now.')).toEqual({
      format: 'paragraphs',
      before: [],
      steps: ['Sepsis is likely.\nStart the bundle now.'],
      after: [],
    });
  });

  it('keeps a lone heading as the one step rather than leaving nothing to review', () => {
    expect(splitSteps('## Plan').steps).toEqual(['## Plan']);
  });

  it.each(['', '   ', '\n\n  \n'])('gives no steps for empty text %j', (text) => {
    expect(splitSteps(text)).toEqual({ format: 'paragraphs', before: [], steps: [], after: [] });
  });
});

describe('mergeSteps and splitStep', () => {
  const fixtureSteps = [...cotTasks.map((t) => t.steps), sepsisTurn?.steps ?? []];

  it('merge then split at the joint restores the steps, for every pair of every fixture', () => {
    let pairs = 0;
    for (const steps of fixtureSteps) {
      for (let i = 0; i + 1 < steps.length; i++) {
        const merged = mergeSteps(steps, i);
        expect(merged).toHaveLength(steps.length - 1);
        expect(merged[i]).toBe(`${steps[i]}\n\n${steps[i + 1]}`);
        expect(splitStep(merged, i, steps[i]?.length ?? 0)).toEqual(steps);
        pairs++;
      }
    }
    expect(pairs).toBe(7 + 6 + 7 + 6);
  });

  it('loses no characters when merging', () => {
    for (const steps of fixtureSteps) {
      for (let i = 0; i + 1 < steps.length; i++) {
        expect(squash(mergeSteps(steps, i).join(''))).toBe(squash(steps.join('')));
      }
    }
  });

  it('does not change its input', () => {
    const steps = Object.freeze(['a', 'b', 'c']);
    mergeSteps(steps, 0);
    splitStep(steps, 1, 0);
    expect(steps).toEqual(['a', 'b', 'c']);
  });

  it('cuts a step in two, trimming both parts', () => {
    expect(splitStep(['Give fluids. Then pressors.', 'Reassess.'], 0, 12)).toEqual([
      'Give fluids.',
      'Then pressors.',
      'Reassess.',
    ]);
  });

  it.each([
    ['at 0', 0],
    ['at the end', 10],
    ['before the start', -3],
    ['past the end', 99],
    ['inside the trailing whitespace, which would leave an empty step', 8],
  ])('changes nothing for a cut %s', (_, at) => {
    const steps = ['First.', 'Second.   ', 'Third.'];
    expect(splitStep(steps, 1, at)).toEqual(steps);
  });

  it.each([
    ['merge at -1', () => mergeSteps(['a', 'b'], -1)],
    ['merge of the last step', () => mergeSteps(['a', 'b'], 1)],
    ['merge of a single step', () => mergeSteps(['a'], 0)],
    ['merge at 0.5', () => mergeSteps(['a', 'b', 'c'], 0.5)],
    ['split at index -1', () => splitStep(['a b'], -1, 1)],
    ['split past the last step', () => splitStep(['a b'], 1, 1)],
    ['split of no steps', () => splitStep([], 0, 0)],
    ['split at a fractional offset', () => splitStep(['a b'], 0, 1.5)],
  ])('throws a RangeError for %s', (_, call) => {
    expect(call).toThrow(RangeError);
  });
});
