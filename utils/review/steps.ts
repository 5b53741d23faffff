/**
 * Splits a response's reasoning into the steps a clinician rates one by one
 * (+1 / 0 / −1, PRM800K-style), and merges or splits steps by hand.
 *
 * The input is the light markdown of `utils/adapters/text.ts` (or the raw
 * markdown a model wrote, which differs from it mostly in blank lines). Rules,
 * the first that finds at least two steps winning:
 *  1. `step_prefix`: lines that start "Step N:" (bold or as a heading too);
 *  2. `numbered_list`: top-level "N." / "N)" items in increasing order;
 *  3. `bullets`: top-level "- " / "* " / "• " items;
 *  4. `paragraphs`: blank-line-separated paragraphs.
 * Text outside the steps (a preamble, an answer line) is kept in `before` and
 * `after`, so nothing the model wrote is lost except the step markers.
 *
 * Pure: no DOM, no globals, no dependencies.
 */

type StepFormat = 'step_prefix' | 'numbered_list' | 'bullets' | 'paragraphs';

export interface Split {
  format: StepFormat;
  /** Text before the first step (a preamble such as "Reasoning:"), as its paragraphs; may be empty. */
  before: string[];
  /** The steps, each with its marker ("Step 3: ", "3. ", "- ") removed and its own continuation lines kept. */
  steps: string[];
  /** Text after the last step (an answer or summary line), as its paragraphs; may be empty. */
  after: string[];
}

/**
 * One input line. `fence` lines open or close a ``` block and `code` lines lie
 * inside one: neither can be a step marker or a paragraph break, so a code
 * block that lists "1. …" or has blank lines stays whole inside its step.
 */
interface Line {
  readonly text: string;
  readonly kind: 'text' | 'fence' | 'code';
}

/** A line that starts a step, with what follows its marker. */
interface Marker {
  readonly line: number;
  readonly rest: string;
  /** The item's number; 0 where markers carry none (bullets, "Step N" whose order is not checked). */
  readonly n: number;
}

type ReadMarker = (text: string) => { rest: string; n: number } | null;

const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const FENCE_CLOSE = /^\s*(`{3,}|~{3,})\s*$/;

function toLines(text: string): Line[] {
  const lines: Line[] = [];
  let fence: string | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (fence === null) {
      fence = FENCE_OPEN.exec(raw)?.[1] ?? null;
      lines.push({ text: raw, kind: fence === null ? 'text' : 'fence' });
    } else if (closesFence(raw, fence)) {
      fence = null;
      lines.push({ text: raw, kind: 'fence' });
    } else {
      lines.push({ text: raw, kind: 'code' });
    }
  }
  return lines;
}

/** As in CommonMark: a closing fence uses the same character, at least as many times, and nothing else. */
function closesFence(text: string, open: string): boolean {
  const run = FENCE_CLOSE.exec(text)?.[1];
  return run !== undefined && run[0] === open[0] && run.length >= open.length;
}

function isBlank(line: Line | undefined): boolean {
  return line !== undefined && line.kind === 'text' && line.text.trim() === '';
}

/** The text of a run of lines, as it was written, without surrounding whitespace. */
function joinLines(lines: readonly Line[]): string {
  return lines
    .map((l) => l.text)
    .join('\n')
    .trim();
}

interface Range {
  readonly start: number;
  readonly end: number;
}

/** Blank-line-separated paragraphs as line ranges [start, end); blank lines inside code do not separate. */
function paragraphRanges(lines: readonly Line[]): Range[] {
  const ranges: Range[] = [];
  let start = -1;
  lines.forEach((line, i) => {
    if (isBlank(line)) {
      if (start >= 0) ranges.push({ start, end: i });
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  });
  if (start >= 0) ranges.push({ start, end: lines.length });
  return ranges;
}

function paragraphs(lines: readonly Line[]): string[] {
  return paragraphRanges(lines).map((r) => joinLines(lines.slice(r.start, r.end)));
}

function findMarkers(lines: readonly Line[], read: ReadMarker): Marker[] {
  const markers: Marker[] = [];
  lines.forEach((line, i) => {
    const found = line.kind === 'text' ? read(line.text) : null;
    if (found) markers.push({ line: i, ...found });
  });
  return markers;
}

/** A step's lines: its marker line with the marker cut off, then everything up to `end`. */
function stepLines(lines: readonly Line[], marker: Marker, end: number): Line[] {
  return [{ text: marker.rest, kind: 'text' }, ...lines.slice(marker.line + 1, end)];
}

function toSplit(format: StepFormat, before: readonly Line[], steps: readonly Line[][], after: readonly Line[]): Split {
  return {
    format,
    before: paragraphs(before),
    // A marker with nothing under it ("Step 1:" right before "Step 2:") gives no step to rate.
    steps: steps.map(joinLines).filter((s) => s !== ''),
    after: paragraphs(after),
  };
}

// ---------------------------------------------------------------------------
// Conclusions: the answer or summary line that closes a response.

/** Labels that name a conclusion outright: "**Answer:**", "Summary:", "## Bottom line", "In summary, …". */
const LABELLED_CONCLUSION =
  /^(?:#{1,6}[ \t]+)?(?:\*\*|__)?[ \t]*(?:final answer|answer|summary|in summary|in conclusion|bottom line|conclusion|tl;dr)(?:\*\*|__)?[ \t]*(?:[:,]|(?:\*\*|__)?$)/i;

/** Words that open a concluding sentence; weaker evidence than a label, so used only after explicit steps. */
const CONCLUDING_WORDS =
  /^(?:#{1,6}[ \t]+)?(?:\*\*|__|\*|_)?[ \t]*(?:therefore|thus|hence|to summari[sz]e|final answer|the (?:final )?answer is|so the (?:final )?answer)\b/i;

function isLabelledConclusion(text: string): boolean {
  return LABELLED_CONCLUSION.test(text.trim());
}

function isConclusion(text: string): boolean {
  return isLabelledConclusion(text) || CONCLUDING_WORDS.test(text.trim());
}

/**
 * Where a trailing conclusion starts inside the last step: the first paragraph
 * after the step's own first paragraph that reads as one; `block.length` if none.
 * The first paragraph always stays, so a step is never emptied.
 */
function conclusionStart(block: readonly Line[]): number {
  let seenContent = false;
  for (let j = 0; j < block.length; j++) {
    const line = block[j];
    if (line === undefined || isBlank(line)) continue;
    if (seenContent && line.kind === 'text' && isBlank(block[j - 1]) && isConclusion(line.text)) return j;
    seenContent = true;
  }
  return block.length;
}

// ---------------------------------------------------------------------------
// Rule 1: "Step N:" markers.

const STEP_HEAD = /^ {0,3}(#{1,6}[ \t]+)?(\*\*|__)?[ \t]*step[ \t]+(\d+)\b/i;
/** ":", ")", "." or a dash after the number; not "1.5" or "1-2", which are numbers, not separators. */
const STEP_SEPARATOR = /^[ \t]*(?:[:)]|\.(?!\d)|[-–—](?!\d))[ \t]*/;

/**
 * "Step 3: text" → "text". Accepts "Step 3." / "Step 3 -", any case, "**Step 3:** text",
 * "**Step 3**: text", "**Step 3: Title**" (→ "**Title**") and headings "### Step 3".
 * A sentence such as "Step 3 is optional" is not a marker: without a separator,
 * a heading or a closing bold, the number is part of the prose.
 */
function readStepMarker(text: string): { rest: string; n: number } | null {
  const head = STEP_HEAD.exec(text);
  if (!head) return null;
  const [matched, heading, bold] = head;
  let rest = text.slice(matched.length);
  let separated = false;
  const cutSeparator = () => {
    const sep = STEP_SEPARATOR.exec(rest);
    if (sep) {
      rest = rest.slice(sep[0].length);
      separated = true;
    }
  };
  cutSeparator();
  let boldClosed = false;
  if (bold !== undefined) {
    if (rest.startsWith(bold)) {
      rest = rest.slice(bold.length);
      boldClosed = true;
      cutSeparator();
    } else if (separated && rest.includes(bold)) {
      // The bold spans a title ("**Step 3: Title**"): keep the title bold.
      rest = bold + rest;
    }
  }
  const isMarker = separated || heading !== undefined || boldClosed || rest.trim() === '';
  return isMarker ? { rest, n: 0 } : null;
}

function byStepPrefix(lines: readonly Line[]): Split | null {
  const markers = findMarkers(lines, readStepMarker);
  const first = markers[0];
  if (first === undefined || markers.length < 2) return null;
  const steps = markers.map((m, k) => stepLines(lines, m, markers[k + 1]?.line ?? lines.length));
  // Each step runs to the next marker, so the last one would swallow the answer line.
  const last = steps.pop() ?? [];
  const cut = conclusionStart(last);
  steps.push(last.slice(0, cut));
  return toSplit('step_prefix', lines.slice(0, first.line), steps, last.slice(cut));
}

// ---------------------------------------------------------------------------
// Rules 2 and 3: top-level list items.

const NUMBERED_ITEM = /^(\d{1,3})[.)](?:[ \t]+|$)/;
const BULLET_ITEM = /^[-*•][ \t]+(?=\S)/;
/** "- - -" and "* * *" are horizontal rules, not bullets. */
const THEMATIC_BREAK = /^([-*_])[ \t]*(?:\1[ \t]*){2,}$/;

function readNumberedItem(text: string): { rest: string; n: number } | null {
  const m = NUMBERED_ITEM.exec(text);
  return m ? { rest: text.slice(m[0].length), n: Number(m[1]) } : null;
}

function readBulletItem(text: string): { rest: string; n: number } | null {
  if (THEMATIC_BREAK.test(text.trim())) return null;
  const m = BULLET_ITEM.exec(text);
  return m ? { rest: text.slice(m[0].length), n: 0 } : null;
}

/**
 * Where the item on line `item` ends if no later item of its list follows: at
 * the next top-level item, or at a non-indented block after a blank line (a
 * paragraph, heading, table or code fence that is no longer part of the list).
 * Indented lines, nested lists and lazy continuation lines stay in the item.
 */
function itemEnd(lines: readonly Line[], item: number, read: ReadMarker): number {
  for (let j = item + 1; j < lines.length; j++) {
    const line = lines[j];
    if (line === undefined || line.kind === 'code' || !/^\S/.test(line.text)) continue;
    if (line.kind === 'text' && read(line.text) !== null) return j;
    if (isBlank(lines[j - 1])) return j;
  }
  return lines.length;
}

/** Groups items into lists: consecutive items stay in one list while `continues` says so. */
function groupRuns(
  markers: readonly Marker[],
  continues: (run: readonly Marker[], next: Marker) => boolean,
): Marker[][] {
  const runs: Marker[][] = [];
  for (const marker of markers) {
    const run = runs[runs.length - 1];
    if (run !== undefined && continues(run, marker)) run.push(marker);
    else runs.push([marker]);
  }
  return runs;
}

/**
 * Numbers must increase; a number that does not (a second list restarting at 1)
 * starts a new list. "1. 1. 1." is one list: markdown renumbers it.
 * Text between two items in sequence belongs to the earlier one, even when not
 * indented, since the numbering shows the list goes on (raw markdown often puts
 * a code block or a loose paragraph at the margin between items).
 */
function numberedContinues(run: readonly Marker[], next: Marker): boolean {
  const prev = run[run.length - 1];
  if (prev === undefined) return false;
  return next.n > prev.n || (next.n === prev.n && run.every((m) => m.n === next.n));
}

/** Bullets have no numbers, so a list ends where its item ends: at a non-indented paragraph. */
function bulletContinues(lines: readonly Line[]) {
  return (run: readonly Marker[], next: Marker): boolean => {
    const prev = run[run.length - 1];
    return prev !== undefined && itemEnd(lines, prev.line, readBulletItem) === next.line;
  };
}

/** The list with the most items is the reasoning; the first wins a tie. Other lists stay in `before`/`after`. */
function longestRun(runs: readonly Marker[][]): Marker[] {
  return runs.reduce<Marker[]>((best, run) => (run.length > best.length ? run : best), []);
}

function byList(
  format: 'numbered_list' | 'bullets',
  lines: readonly Line[],
  read: ReadMarker,
  continues: (run: readonly Marker[], next: Marker) => boolean,
): Split | null {
  const run = longestRun(groupRuns(findMarkers(lines, read), continues));
  const first = run[0];
  const last = run[run.length - 1];
  if (first === undefined || last === undefined || run.length < 2) return null;
  const end = itemEnd(lines, last.line, read);
  const steps = run.map((m, k) => stepLines(lines, m, run[k + 1]?.line ?? end));
  return toSplit(format, lines.slice(0, first.line), steps, lines.slice(end));
}

// ---------------------------------------------------------------------------
// Rule 4: paragraphs.

function isHeading(text: string): boolean {
  return /^ {0,3}#{1,6}(?:[ \t]|$)/.test(text);
}

/** A lone title line: a heading, or a short label such as "Reasoning:" or "**Plan:**". */
function isTitle(lines: readonly Line[], range: Range): boolean {
  const line = lines[range.start];
  if (line === undefined || range.end - range.start !== 1 || line.kind !== 'text') return false;
  const text = line.text.trim();
  return isHeading(text) || (text.length <= 60 && /:(?:\*\*|__)?$/.test(text));
}

/**
 * Without markers every paragraph is a step, except leading titles (`before`)
 * and a labelled answer or summary at the end (`after`). Unlabelled endings
 * ("Therefore …") stay steps here: with nothing marking the steps, such a
 * paragraph is as likely the last step of the reasoning as a summary of it.
 * A heading further down joins the paragraph it introduces.
 */
function byParagraphs(lines: readonly Line[]): Split {
  const ranges = paragraphRanges(lines);
  let from = 0;
  // Keep at least one paragraph as a step, so text made of titles alone is still reviewable.
  while (from < ranges.length - 1 && isTitle(lines, ranges[from] as Range)) from++;
  let to = ranges.length;
  for (let j = from + 1; j < ranges.length; j++) {
    const start = ranges[j]?.start ?? 0;
    if (lines[start]?.kind === 'text' && isLabelledConclusion(lines[start]?.text ?? '')) {
      to = j;
      break;
    }
  }
  const steps: Line[][] = [];
  let stepStart: number | null = null;
  for (let j = from; j < to; j++) {
    const range = ranges[j] as Range;
    stepStart ??= range.start;
    const line = lines[range.start];
    const headingAlone = range.end - range.start === 1 && line?.kind === 'text' && isHeading(line.text);
    if (headingAlone && j < to - 1) continue;
    steps.push(lines.slice(stepStart, range.end));
    stepStart = null;
  }
  const beforeEnd = ranges[from]?.start ?? lines.length;
  const afterStart = ranges[to]?.start ?? lines.length;
  return toSplit('paragraphs', lines.slice(0, beforeEnd), steps, lines.slice(afterStart));
}

// ---------------------------------------------------------------------------
// Public API.

export function splitSteps(text: string): Split {
  const lines = toLines(text);
  const rules: Array<() => Split | null> = [
    () => byStepPrefix(lines),
    () => byList('numbered_list', lines, readNumberedItem, numberedContinues),
    () => byList('bullets', lines, readBulletItem, bulletContinues(lines)),
  ];
  for (const rule of rules) {
    const split = rule();
    if (split !== null && split.steps.length >= 2) return split;
  }
  return byParagraphs(lines);
}

function checkIndex(steps: readonly string[], i: number, last: number): void {
  if (!Number.isInteger(i) || i < 0 || i > last) {
    throw new RangeError(`step index ${i} is out of range 0..${last} for ${steps.length} steps`);
  }
}

/** Steps i and i+1 joined into one (joined by a blank line); no text is lost. */
export function mergeSteps(steps: readonly string[], i: number): string[] {
  checkIndex(steps, i, steps.length - 2);
  const joined = [steps[i], steps[i + 1]].filter((s) => s !== undefined && s !== '').join('\n\n');
  return [...steps.slice(0, i), joined, ...steps.slice(i + 2)];
}

/** Step i cut in two at character offset `at` (both parts trimmed); a cut at an edge changes nothing. */
export function splitStep(steps: readonly string[], i: number, at: number): string[] {
  checkIndex(steps, i, steps.length - 1);
  if (!Number.isInteger(at)) throw new RangeError(`split offset ${at} is not a whole number`);
  const step = steps[i] ?? '';
  if (at <= 0 || at >= step.length) return [...steps];
  const head = step.slice(0, at).trim();
  const tail = step.slice(at).trim();
  // A cut inside the whitespace at an edge would leave an empty step to rate.
  if (head === '' || tail === '') return [...steps];
  return [...steps.slice(0, i), head, tail, ...steps.slice(i + 1)];
}
