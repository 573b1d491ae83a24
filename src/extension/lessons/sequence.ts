import type { LessonLibrary } from './lessonLibrary';

/** A lesson's place in the course, as navigation needs it. */
export interface SequenceEntry {
  id: string;
  title: string;
}

/** Lessons in course order (track, then order); broken files are left out of navigation. */
export async function courseOrder(library: LessonLibrary): Promise<SequenceEntry[]> {
  const catalog = await library.catalog();
  return catalog.lessons.map((l) => ({ id: l.meta.id, title: l.meta.title }));
}

/** Position of `id` in `order` (-1 when absent) and its neighbours. */
export function positionOf(order: readonly SequenceEntry[], id: string): { index: number; previous?: SequenceEntry; next?: SequenceEntry } {
  const index = order.findIndex((e) => e.id === id);
  return index < 0 ? { index } : { index, previous: order[index - 1], next: order[index + 1] };
}
