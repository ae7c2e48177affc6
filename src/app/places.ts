/**
 * The places the bot can write to later (daily prompts, nudges), as a platform addresses them: one
 * row per conversation in store.conversations, kept current from every activity the bot sees, with
 * the place's name and the flag that makes the welcome card a once-per-install event. The address
 * itself is the platform's own (a Bot Framework conversation reference for Teams): only the fields
 * checked below are read here; the rest passes through as the platform sent it.
 */
import { z } from 'zod';
import type { Store } from '../store/index.js';

/** A platform's address of a conversation, as stored. */
export type PlaceAddress = Readonly<Record<string, unknown>> & {
  readonly conversation?: { readonly id?: string; readonly conversationType?: string };
};

/** The stored row's JSON: the reference, and when the welcome card went out for this install. */
const storedSchema = z.object({
  reference: z.looseObject({
    serviceUrl: z.string().min(1),
    channelId: z.string().optional(),
    conversation: z.looseObject({ id: z.string().min(1), conversationType: z.string().optional() }),
    user: z.looseObject({ id: z.string(), aadObjectId: z.string().optional() }).optional(),
    bot: z.looseObject({ id: z.string() }).optional(),
  }),
  welcomedAt: z.number().optional(),
  /** What its members call it (a team's channel, a group chat's topic), for `daily list`. */
  name: z.string().max(256).optional(),
});

type Stored = z.infer<typeof storedSchema>;

const asAddress = (r: Stored['reference']): PlaceAddress => r;

async function read(store: Store, conversationId: string): Promise<Stored | undefined> {
  const row = await store.conversations.get(conversationId);
  const parsed = row ? storedSchema.safeParse(row.reference) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/**
 * Saves the reference of the conversation an activity came from. The activity id is left out: a
 * proactive message is a new message, not a reply. Writes only when something changed, inside one
 * transaction, so a welcome flag set by a concurrent event is never lost.
 */
export async function rememberConversation(
  store: Store,
  where: { workspaceId: string; conversationId: string; name?: string | undefined },
  reference: PlaceAddress & { readonly activityId?: string },
): Promise<void> {
  const { workspaceId, conversationId, name } = where;
  const { activityId: _ignored, ...rest } = reference;
  const clean = { ...rest, conversation: { ...rest.conversation, id: conversationId } };
  await store.transaction(async () => {
    const next = { ...(await read(store, conversationId)), reference: clean, ...(name ? { name } : {}) };
    // Compared as stored (key order kept), so an unchanged reference costs no write.
    const stored = (await store.conversations.get(conversationId))?.reference;
    if (stored !== undefined && JSON.stringify(stored) === JSON.stringify(next)) return;
    await store.workspaces.ensure({ id: workspaceId, platform: 'teams' });
    await store.conversations.save(conversationId, workspaceId, next);
  });
}

/** Sets (an install) or clears (an uninstall) the welcome flag in one transaction; true when it changed. */
function markWelcome(store: Store, conversationId: string, at: number | undefined): Promise<boolean> {
  return store.transaction(async () => {
    const existing = await read(store, conversationId);
    const row = await store.conversations.get(conversationId);
    if (!existing || !row || (existing.welcomedAt !== undefined) === (at !== undefined)) return false;
    const { welcomedAt: _old, ...rest } = existing;
    await store.conversations.save(
      conversationId,
      row.workspaceId,
      at === undefined ? rest : { ...rest, welcomedAt: at },
    );
    return true;
  });
}

/**
 * True exactly once per install of the app in a conversation, however many install events Teams
 * sends. The check and the write are one write transaction, so two processes cannot both win.
 */
export const claimWelcome = (store: Store, conversationId: string, now: number): Promise<boolean> =>
  markWelcome(store, conversationId, now);

/** The app was removed: the next install says hello again. */
export const forgetWelcome = async (store: Store, conversationId: string): Promise<void> => {
  await markWelcome(store, conversationId, undefined);
};

export async function referenceOf(store: Store, conversationId: string): Promise<PlaceAddress | undefined> {
  const stored = await read(store, conversationId);
  return stored && asAddress(stored.reference);
}

/** A short name for a stored conversation, for `daily list`. */
export async function conversationLabel(store: Store, conversationId: string): Promise<string> {
  const stored = await read(store, conversationId);
  const conversation: { name?: unknown; conversationType?: string } = stored?.reference.conversation ?? {};
  const name = stored?.name ?? (typeof conversation.name === 'string' ? conversation.name : '');
  const type = conversation.conversationType;
  if (name) return name.slice(0, 80);
  return type === 'channel' ? 'a channel' : type === 'groupChat' ? 'a group chat' : 'a personal chat';
}

/** The personal (1:1) chat reference of each member of a workspace, by member external id. */
export async function personalReferences(store: Store, workspaceId: string): Promise<Map<string, PlaceAddress>> {
  const out = new Map<string, PlaceAddress>();
  for (const row of await store.conversations.list(workspaceId)) {
    const parsed = storedSchema.safeParse(row.reference);
    if (!parsed.success) continue;
    const { reference } = parsed.data;
    const type = reference.conversation.conversationType;
    if (type !== undefined && type !== 'personal') continue;
    const user = reference.user;
    if (user) out.set(user.aadObjectId ?? user.id, asAddress(reference));
  }
  return out;
}

/**
 * Finds members' personal chats for a fan-out: each workspace's personalReferences read at most once
 * every few seconds, not once per member. A chat opened since is found on the next read.
 */
export function personalChats(store: Store, now: () => number, freshMs = 10_000) {
  const seen = new Map<string, { at: number; chats: Map<string, PlaceAddress> }>();
  return async (workspaceId: string, externalId: string): Promise<PlaceAddress | undefined> => {
    let entry = seen.get(workspaceId);
    if (!entry || Math.abs(now() - entry.at) > freshMs) {
      entry = { at: now(), chats: await personalReferences(store, workspaceId) };
      seen.set(workspaceId, entry);
    }
    return entry.chats.get(externalId);
  };
}
