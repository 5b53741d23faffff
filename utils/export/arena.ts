/**
 * LMSYS Chatbot Arena battle records (the columns of
 * lmsys/chatbot_arena_conversations): one battle per pairwise choice and per
 * pair of a ranking, for Elo / Bradley–Terry leaderboards.
 */
import { type Comparison, comparedTurns, comparisons, type Outcome } from './comparisons';
import { assistant, type Message, modelOf, promptMessages, turnText } from './conversation';
import type { ExportRecord } from './record';
import type { ARENA_WINNERS, ArenaRow } from './schemas';

const WINNER: Record<Outcome, (typeof ARENA_WINNERS)[number]> = {
  a: 'model_a',
  b: 'model_b',
  tie: 'tie',
  both_bad: 'tie (bothbad)',
};

export function arenaRows(record: ExportRecord): ArenaRow[] {
  const { submission, reviewer } = record;
  const { capture } = submission;
  if (!capture) return [];
  const list = comparisons(submission.review);
  if (list.length === 0) return [];
  const prompt = promptMessages(capture, comparedTurns(list));
  if (!prompt) return [];
  const side = (turn: number): Message[] => [...prompt, ...assistant(turnText(capture, turn))];
  return list.map(({ a, b, outcome }: Comparison) => ({
    // Unique per battle: a ranking gives several from one submission.
    question_id: `${submission.id}:${a}-${b}`,
    model_a: modelOf(capture, a, record.task),
    model_b: modelOf(capture, b, record.task),
    winner: WINNER[outcome],
    conversation_a: side(a),
    conversation_b: side(b),
    judge: reviewer,
    turn: prompt.filter((m) => m.role === 'user').length,
    tstamp: Date.parse(submission.createdAt) / 1000,
  }));
}
