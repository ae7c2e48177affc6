import { Actions } from '../../views/actions.js';
import type { SlackDeps } from '../context.js';
import { deliverReply } from '../deliver.js';
import { costReply } from '../intents.js';
import { values } from '../payloads.js';
import { onAction } from './action.js';
import { actionPattern } from './lesson-actions.js';
import type { Listeners } from './router.js';

/** "×10 volume" and cache what-ifs under a cost answer: the variant goes in the answer's thread. */
export function registerWhatIfActions(app: Listeners, deps: SlackDeps): void {
  app.action(
    actionPattern(Actions.costWhatIf),
    onAction(deps, values.whatIf, async (t) => {
      await deliverReply(
        costReply(t.value.q, { key: `${t.teamId}:${t.userId}`, deps }),
        {
          client: t.client,
          respond: t.respond,
          ...(t.origin.channelId ? { channelId: t.origin.channelId } : {}),
          ...(t.origin.messageTs && !t.origin.ephemeral ? { threadTs: t.origin.messageTs } : {}),
        },
        deps,
      );
    }),
  );
}
