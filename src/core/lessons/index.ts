/** Public surface of the lesson engine (pure: no vscode import), shared by the extension and the CLI. */
export * from './types';
export * from './frontMatter';
export * from './catalog';
export * from './progress';
export * from './quiz';
export { checkLessons, type CheckResult } from './check';
export { loadLessonRenderer, renderErrorCard, escapeHtml, type LessonRenderer, type RenderedLesson } from './render';
export { createBuiltInDirectives, DirectiveRegistry, type DirectiveKind, type DirectiveInstance } from './directives';
export { buildOverview, continueWith, missingPrerequisites, summarize, formatMinutes, type CompletionSummary, type ContinueReason, type ContinueSuggestion, type ProgressOverview, type TrackOverview } from './overview';
export { parseRunBlock, RUN_MODES, type RunBlock, type RunMode } from './blocks/run';
export { parsePredictBlock, gradeGuess, type PredictBlock, type PredictGuess, type PredictGrade, type PredictSubject } from './blocks/predict';
export { executeRun, observePredict, handlerPath, type BlockContext, type RunOutcome, type PredictObservation } from './blocks/execute';
export { verifyBlocks, blocksSummaryLine, type BlockVerification, type LessonBlock } from './blocks/verify';
export { TOOL_LINK_COMMANDS, parseToolLink, commandLinks, checkToolLinks, linkFiles, type ToolLink, type ToolLinkCommand } from './toolLinks';
