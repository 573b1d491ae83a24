import type { PredictBlock, Quiz } from '../../core/lessons';
import type { ExerciseSpec } from '../../core/exercises';
import type { LoadedLesson } from './lessonLibrary';

/** The ids that gate a lesson's completion (quizzes, exercises, predictions), for lessonDone(). */
export function completionIds(loaded: LoadedLesson): [quizIds: string[], exerciseIds: string[], predictIds: string[]] {
  const ids = (kind: string): string[] => loaded.rendered.directives.filter((d) => d.kind === kind).map((d) => (d.value as Quiz | ExerciseSpec | PredictBlock).id);
  return [ids('quiz'), ids('exercise'), ids('predict')];
}
