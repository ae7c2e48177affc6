/**
 * The slice of the Adaptive Card 1.5 schema this renderer emits (adaptivecards.io/explorer).
 * Kept as plain JSON types so the output can be sent as an attachment's `content` unchanged.
 */

interface Placement {
  /** Draws a line above the element: how a divider of the card model shows. */
  readonly separator?: true;
  readonly spacing?: 'None' | 'Small' | 'Medium';
}

export interface TextBlockJson extends Placement {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly size?: 'Small' | 'Large';
  readonly weight?: 'Bolder';
  readonly isSubtle?: true;
  readonly color?: 'Good' | 'Attention' | 'Warning';
}

export interface FactSetJson extends Placement {
  readonly type: 'FactSet';
  readonly facts: readonly { readonly title: string; readonly value: string }[];
}

/** What an Action.Submit sends back as `activity.value`: flat strings, merged with the inputs. */
/** A submit's data: the action and value fields, and for a dialog button Teams' `msteams` marker. */
export type SubmitData = Readonly<Record<string, string | { readonly type: 'task/fetch' }>>;

export interface SubmitActionJson {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: SubmitData;
  readonly style?: 'positive' | 'destructive';
  /** `none` on buttons beside a form, so "Try again" is not blocked by an unanswered select. */
  readonly associatedInputs?: 'none';
}

export interface OpenUrlActionJson {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
  readonly style?: 'positive' | 'destructive';
}

export type ActionJson = SubmitActionJson | OpenUrlActionJson;

export interface ActionSetJson extends Placement {
  readonly type: 'ActionSet';
  readonly actions: readonly ActionJson[];
}

export interface ChoiceSetJson extends Placement {
  readonly type: 'Input.ChoiceSet';
  readonly id: string;
  readonly label: string;
  readonly isRequired: true;
  readonly errorMessage: string;
  readonly style: 'compact';
  readonly placeholder: string;
  readonly choices: readonly { readonly title: string; readonly value: string }[];
  readonly value?: string;
}

/** A tappable row: how a button with a long label shows, since Teams cuts button titles short. */
export interface ContainerJson extends Placement {
  readonly type: 'Container';
  readonly style: 'emphasis';
  readonly selectAction: SubmitActionJson;
  readonly items: readonly TextBlockJson[];
}

export type ElementJson = TextBlockJson | FactSetJson | ActionSetJson | ChoiceSetJson | ContainerJson;

export interface AdaptiveCardJson {
  readonly type: 'AdaptiveCard';
  readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  readonly version: '1.5';
  readonly body: readonly ElementJson[];
  readonly actions?: readonly ActionJson[];
  /** Full width: lessons are long reads, and Teams' default card width wraps them into a column. */
  readonly msteams: { readonly width: 'Full' };
}
