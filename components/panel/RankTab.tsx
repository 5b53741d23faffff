/**
 * Ranking several responses, best first, by drag and drop or entirely by
 * keyboard (dnd-kit: focus a handle, Space to lift, ↑/↓ to move, Space to
 * drop). A response can be tied with the one above it.
 */
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { i18n } from '#i18n';
import type { Capture } from '@/utils/schema/capture';
import type { Draft } from './draft';

type Rank = Draft['rank'];

/** Responses are named by their place on the page (Response 1, 2, …), not by their rank. */
function labelOf(turns: number[], turn: number): string {
  return i18n.t('panel.rank.response', { n: turns.indexOf(turn) + 1 });
}

function Item({
  turn,
  position,
  rank,
  label,
  text,
  model,
  tied,
  onTied,
}: {
  turn: number;
  position: number;
  rank: number;
  label: string;
  text: string;
  model: string | undefined;
  tied: boolean;
  onTied(tied: boolean): void;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: turn });
  return (
    <li
      ref={setNodeRef}
      className={`card rank-item${isDragging ? ' dragging' : ''}`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      aria-label={i18n.t('panel.rank.item', { label, rank })}
    >
      <div className="row">
        <button
          type="button"
          className="handle"
          aria-label={i18n.t('panel.rank.move', { label, rank })}
          {...attributes}
          {...listeners}
        >
          ⠿ {rank}
        </button>
        <strong>{label}</strong>
        {model && <span className="muted">{model}</span>}
        <span className="spacer" />
        {position > 0 && (
          <label className="inline">
            <input type="checkbox" checked={tied} onChange={(e) => onTied(e.target.checked)} />{' '}
            {i18n.t('panel.rank.tied')}
          </label>
        )}
      </div>
      <div className="text response-text">{text}</div>
    </li>
  );
}

export function RankTab({
  capture,
  turns,
  draft,
  update,
}: {
  capture: Capture;
  turns: number[];
  draft: Rank;
  update(next: Rank): void;
}) {
  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const { order, tied } = draft;
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = order.indexOf(Number(active.id));
    const to = order.indexOf(Number(over.id));
    update({ order: arrayMove(order, from, to), tied: arrayMove(padded(tied, order.length), from, to) });
  };
  let rank = 0;
  const ranks = order.map((_, i) => (i > 0 && tied[i] ? rank : ++rank));
  return (
    <section aria-label={i18n.t('panel.rank.label')}>
      <p className="muted">{i18n.t('panel.rank.help')}</p>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: {
            draggable: i18n.t('panel.rank.screenReader.instructions'),
          },
          announcements: {
            onDragStart: ({ active }) =>
              i18n.t('panel.rank.screenReader.pickedUp', { label: labelOf(turns, Number(active.id)) }),
            onDragOver: ({ active, over }) =>
              over
                ? i18n.t('panel.rank.screenReader.over', {
                    label: labelOf(turns, Number(active.id)),
                    position: order.indexOf(Number(over.id)) + 1,
                  })
                : i18n.t('panel.rank.screenReader.overNone', { label: labelOf(turns, Number(active.id)) }),
            onDragEnd: ({ active, over }) =>
              over
                ? i18n.t('panel.rank.screenReader.dropped', {
                    label: labelOf(turns, Number(active.id)),
                    position: order.indexOf(Number(over.id)) + 1,
                  })
                : i18n.t('panel.rank.screenReader.droppedNone', { label: labelOf(turns, Number(active.id)) }),
            onDragCancel: ({ active }) =>
              i18n.t('panel.rank.screenReader.cancelled', { label: labelOf(turns, Number(active.id)) }),
          },
        }}
      >
        <SortableContext items={order} strategy={verticalListSortingStrategy}>
          <ol className="plain rank-list" aria-label={i18n.t('panel.rank.list')}>
            {order.map((turn, i) => (
              <Item
                key={turn}
                turn={turn}
                position={i}
                rank={ranks[i] ?? i + 1}
                label={labelOf(turns, turn)}
                text={capture.turns[turn]?.text ?? ''}
                model={capture.turns[turn]?.model}
                tied={tied[i] === true}
                onTied={(value) =>
                  update({ order, tied: padded(tied, order.length).map((t, j) => (j === i ? value : t)) })
                }
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
    </section>
  );
}

function padded(tied: boolean[], length: number): boolean[] {
  return Array.from({ length }, (_, i) => tied[i] === true);
}
