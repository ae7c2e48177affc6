/**
 * The conversation port: what a flow may ask of the platform about one turn. Each platform
 * implements it once (src/slack/conversation.ts, src/teams/conversation.ts, the terminal's in
 * src/cli); flows in this folder see nothing else of Slack or Teams.
 */

import type { Platform } from '../../store/index.js';
import type { Surface } from '../../views/actions.js';
import type { Card } from '../../views/card.js';
import type { MemberRef } from '../tutor.js';

/** The members of a place as the platform lists them; undefined when it cannot (not a member, no scope). */
export type Roster = (placeId: string) => Promise<readonly MemberRef[] | undefined>;

export type DmResult = 'sent' | 'unreachable' | 'failed';

/** How a manager's CSV reaches them: a file in their DM, or a short-lived link. */
export type CsvDelivery =
  | { readonly kind: 'dm'; send(file: { name: string; title: string; content: string }): Promise<void> }
  | { readonly kind: 'link'; url(): Promise<string> };

export interface Conversation {
  readonly platform: Platform;
  /** `slack:T…`, `teams:<tenant>`, `cli:local`. */
  readonly workspaceId: string;
  /** The member's id on the platform (Slack user id, Azure AD object id). */
  readonly memberId: string;
  /** Where the member wrote or clicked; `shared` when others there can see the bot's answers. */
  readonly place: { readonly id?: string; readonly kind: 'private' | 'shared' };
  /** A reply can be shown to the member alone in a shared place (Slack's ephemeral messages). */
  readonly whispers: boolean;
  /** A modal or dialog can open for the member (Slack modals, Teams task modules). */
  readonly dialogs: boolean;
  /** How commands are spelled here, for help and hints. */
  readonly surface: Surface;
  /** The member as already known, with no call to the platform: for writes made before the ack. */
  knownMember(): MemberRef;
  /** The member with what the platform tells of them (name, time zone, e-mail); may call it. */
  member(): Promise<MemberRef>;
  /** Checked on the server for every manager action. */
  isManager(): Promise<boolean>;
  /** Sends a card privately to another member of this workspace, by platform id. */
  dm(memberId: string, card: Card): Promise<DmResult>;
  /** Whether a DM can reach this member now (Teams: only once the app is installed for them). */
  canDm?(): Promise<boolean>;
  /** A place as card text: a mention token (see views/card.ts `mention`). */
  placeName(placeId: string): Promise<string>;
  /**
   * Where daily lessons may be set up from: `named` lets the member name another place (Slack's
   * `#channel`), checked with `isIn`; `here` only for the conversation typed in (Teams); `none`
   * where nothing is posted (the terminal).
   */
  readonly dailyTargets: 'named' | 'here' | 'none';
  /** Whether the member is in a place they named (undefined: the platform cannot tell). */
  isIn?(placeId: string): Promise<boolean>;
  /** The members of a place, for `enroll` (undefined: the bot cannot see who is in it). */
  readonly roster?: Roster;
  /** A line added when daily lessons start, e.g. "invite me to the channel". */
  readonly dailyHint?: string;
  readonly csv?: CsvDelivery;
}
