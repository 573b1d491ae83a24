/** Public surface of the exercise engine (pure: no vscode import), shared by the extension and the CLI. */
export * from './types';
export { parseExerciseBlock, parseChecksFile, type ParseProblem } from './parse';
export { evaluate, readPath } from './assertions';
export { observeCall, BUILT_IN_OBSERVERS, ObserverFailure, type Observer, type ObserverContext, type ObservedCall } from './observers';
export { runChecks, runCheck, type RunChecksOptions } from './runChecks';
export { loadExercise, copyExerciseFiles, listFiles, type LoadedExercise } from './files';
export { verifyExercises, verifyExercise, summaryLine, type ExerciseVerification, type RuntimeFactory } from './verify';
