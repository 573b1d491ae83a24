/** Every command id the extension registers, in one typed place. Contributed ids must match package.json; internal ones (CodeLens and status-bar targets) are registered only. */
export const CommandIds = {
  openLesson: 'serverlessLab.openLesson',
  nextLesson: 'serverlessLab.nextLesson',
  previousLesson: 'serverlessLab.previousLesson',
  showLessons: 'serverlessLab.showLessons',
  resetProgress: 'serverlessLab.resetProgress',
  markLessonComplete: 'serverlessLab.markLessonComplete',
  getStarted: 'serverlessLab.getStarted',
  showLog: 'serverlessLab.showLog',
  openCost: 'serverlessLab.openCost',
  invokeFunction: 'serverlessLab.invokeFunction',
  invokeHandler: 'serverlessLab.invokeHandler',
  invokeLast: 'serverlessLab.invokeLast',
  runLoad: 'serverlessLab.runLoad',
  stopAllSandboxes: 'serverlessLab.stopAllSandboxes',
  showInvocations: 'serverlessLab.showInvocations',
  saveTestEvent: 'serverlessLab.saveTestEvent',
  runMenu: 'serverlessLab.runMenu',
  newFunction: 'serverlessLab.newFunction',
  exportSam: 'serverlessLab.exportSam',
  showRosetta: 'serverlessLab.showRosetta',
  baasStart: 'serverlessLab.baas.start',
  baasStop: 'serverlessLab.baas.stop',
  baasOpenExplorer: 'serverlessLab.baas.openExplorer',
  baasRunSql: 'serverlessLab.baas.runSql',
  baasSqlHistory: 'serverlessLab.baas.sqlHistory',
  baasImpersonate: 'serverlessLab.baas.impersonate',
  baasCopyConnectionInfo: 'serverlessLab.baas.copyConnectionInfo',
  baasResetData: 'serverlessLab.baas.resetData',
  baasRestoreBackup: 'serverlessLab.baas.restoreBackup',
  baasRefresh: 'serverlessLab.baas.refresh',
  baasDeleteUser: 'serverlessLab.baas.deleteUser',
  baasApplyMigration: 'serverlessLab.baas.applyMigration',
  baasApplyMigrationClean: 'serverlessLab.baas.applyMigrationClean',
  /** Internal: the BaaS status bar menu. */
  baasMenu: 'serverlessLab.baas.menu',
  /** Internal: answers one BaaS Explorer protocol request (tests drive the explorer through it). */
  baasExplorerRequest: 'serverlessLab.baas.explorerRequest',
  openPatternPlayground: 'serverlessLab.openPatternPlayground',
  playgroundTryRecent: 'serverlessLab.playgroundTryRecent',
  playgroundChooseEvent: 'serverlessLab.playgroundChooseEvent',
  playgroundSaveAsRule: 'serverlessLab.playgroundSaveAsRule',
  /** Internal: a template rule's CodeLens (template URI, rule name). */
  explainLastMatch: 'serverlessLab.explainLastMatch',
  openEventFlow: 'serverlessLab.openEventFlow',
  putEvent: 'serverlessLab.putEvent',
  sendMessage: 'serverlessLab.sendMessage',
  publishMessage: 'serverlessLab.publishMessage',
  redriveDlq: 'serverlessLab.redriveDlq',
  purgeQueue: 'serverlessLab.purgeQueue',
  toggleSchedules: 'serverlessLab.toggleSchedules',
  /** Internal: an exercise card's action by (lessonId, exerciseId), for lesson links, walkthroughs and tests. */
  exerciseAction: 'serverlessLab.exerciseAction',
  /** Internal: opens a file at its handler line, for lesson tool links. */
  openSample: 'serverlessLab.openSample',
  /** Internal: the walkthrough's "Invoke cold" / "Invoke warm" steps, on a sample shipped with the lessons. */
  tryInvokeCold: 'serverlessLab.tryInvokeCold',
  tryInvokeWarm: 'serverlessLab.tryInvokeWarm',
} as const;

/** A contributed command id. */
export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
