import { DirectiveRegistry } from './registry';
import { quizDirective } from './quiz';
import { exerciseDirective } from './exercise';
import { runDirective } from './run';
import { predictDirective } from './predict';

/**
 * The built-in directive kinds. To add a block kind (```scaffold, ```run, ```exercise), write one
 * file exporting a DirectiveKind and register it here; the renderer core does not change.
 */
export function createBuiltInDirectives(): DirectiveRegistry {
  return new DirectiveRegistry().register(quizDirective).register(exerciseDirective).register(runDirective).register(predictDirective);
}

export type { DirectiveKind, DirectiveContext, DirectiveInstance, DirectiveRenderHelpers } from './registry';
export { DirectiveRegistry } from './registry';
