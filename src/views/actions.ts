/**
 * Action ids shared by every surface. Buttons carry one of these plus a small value; the Slack
 * and Teams layers route on them and validate the value before use.
 */
export const Actions = {
  openLesson: 'lesson.open',
  startCheck: 'quiz.start',
  answerChoice: 'quiz.answer',
  submitSort: 'quiz.sort',
  startReview: 'review.start',
  showProgress: 'progress.show',
  showReport: 'report.show',
  downloadCsv: 'report.csv',
  nudge: 'report.nudge',
  costWhatIf: 'cost.whatif',
  /** Pick a sentence of a lesson to explain in plain English. */
  explainLesson: 'explain.lesson',
  /** Explain why the right answer of a check is right. */
  explainWhy: 'explain.why',
} as const;

export type ActionId = (typeof Actions)[keyof typeof Actions];

/** How a surface spells a command, so help and hints read right everywhere ("/tutor quiz", "quiz"). */
export interface Surface {
  readonly name: 'slack' | 'teams' | 'cli';
  /** Prefix of tutor commands: "/tutor " in Slack, "" in Teams, "tutor " in the terminal. */
  readonly tutor: string;
  /** How to ask for a cost estimate: "/cost ", "cost ", "tutor cost ". */
  readonly cost: string;
  /** How to have a sentence explained, where the surface can: "/explain ", "explain ". */
  readonly explain?: string;
}

export const SURFACES = {
  slack: { name: 'slack', tutor: '/tutor ', cost: '/cost ', explain: '/explain ' },
  teams: { name: 'teams', tutor: '', cost: 'cost ', explain: 'explain ' },
  cli: { name: 'cli', tutor: 'tutor ', cost: 'tutor cost ' },
} as const satisfies Record<string, Surface>;
