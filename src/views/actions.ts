/**
 * Every action id a card can carry: the one registry. Buttons carry one of these plus a small value;
 * src/app/chat/actions.ts maps each id to the zod schema of its value and its one handler, and the
 * compiler checks that table is complete. Platforms route on nothing else.
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
  /** Explain the sentence a member typed in a shared place (opens privately). */
  explainText: 'explain.text',
  /** The sentence chosen in an "Explain" picker. */
  pickSentence: 'explain.pick',
  /** Save "my daily lesson" from the App Home: its time (or off) and days, chosen in the card's selects. */
  setMyDaily: 'personal.set',
} as const;

export type ActionId = (typeof Actions)[keyof typeof Actions];

const ACTION_IDS: ReadonlySet<string> = new Set(Object.values(Actions));

/** Whether a string from a payload is one of our action ids. */
export const isActionId = (id: string): id is ActionId => ACTION_IDS.has(id);

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
