import { Actions } from '../views/actions.js';

/**
 * The card actions the Teams bot answers (see handlers/submits.ts). A button for anything else
 * would only ever say "out of date" in Teams, so cards are sent without it (see reply.ts); a new
 * surface feature becomes clickable in Teams by adding its handler and its id here.
 */
export const HANDLED_ACTIONS = [
  Actions.openLesson,
  Actions.startCheck,
  Actions.answerChoice,
  Actions.submitSort,
  Actions.startReview,
  Actions.showProgress,
  Actions.showReport,
  Actions.downloadCsv,
  Actions.nudge,
  Actions.costWhatIf,
] as const;

export type HandledAction = (typeof HANDLED_ACTIONS)[number];

const handled: ReadonlySet<string> = new Set(HANDLED_ACTIONS);

export const isHandled = (action: string): boolean => handled.has(action);

/** Buttons that open a private dialog (task module); the bot answers them in bot.ts, not as submits. */
const DIALOG_ACTIONS: ReadonlySet<string> = new Set([Actions.explainLesson, Actions.explainWhy, 'explain.text']);

export const isDialogAction = (action: string): boolean => DIALOG_ACTIONS.has(action);

/**
 * Explain buttons a client without dialogs (the Emulator, the Agents Playground) posts to the
 * conversation instead: the dialog buttons and the picker's sentence buttons (handlers/explain.ts).
 */
export const isExplainAction = (action: string): boolean =>
  DIALOG_ACTIONS.has(action) || action === Actions.pickSentence;
