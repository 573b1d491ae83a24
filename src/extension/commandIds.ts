/** Every command id the extension contributes, in one typed place (must match package.json). */
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
} as const;

/** A contributed command id. */
export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
