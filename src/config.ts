/**
 * The environment, read once at start-up through one zod schema. Every problem is reported
 * together, by variable name, so an admin fixes the whole file in one go.
 */
import { z } from 'zod';
import { parseTokenKey, TOKEN_KEY_FORMAT } from './store/token-key.js';

const port = z.coerce.number().int().min(0).max(65_535);
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(/[,\s]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** An on/off switch: 1/true/yes/on or 0/false/no/off (unset is off). */
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''], { error: 'must be 1 or 0' })
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

const secret = z.string().trim().min(1).optional();
const tokenKeyText = optionalText.refine((v) => v === undefined || parseTokenKey(v) !== undefined, TOKEN_KEY_FORMAT);
const tokenKeyList = list.refine((keys) => keys.every((k) => parseTokenKey(k) !== undefined), {
  message: `each key ${TOKEN_KEY_FORMAT}, comma-separated`,
});
const prefixed = (prefix: string, what: string) =>
  z.string().trim().startsWith(prefix, `must be ${what} (it starts with "${prefix}")`).optional();

export const configSchema = z
  .object({
    PORT: port.default(3978),
    /** Where the SQLite file lives; its folder is created on start. */
    DATABASE_PATH: z.string().trim().min(1).default('./data/tutor.db'),
    /** postgres://user:password@host:5432/db: use PostgreSQL (several instances share it) instead of the file. */
    DATABASE_URL: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z
        .string()
        .trim()
        .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL, e.g. postgres://tutor:secret@db:5432/tutor')
        .optional(),
    ),
    /** Connections each instance keeps open to PostgreSQL. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** A PostgreSQL statement running longer than this is cancelled (the member is told to try again); under Slack's 3 s. */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(2_500),
    /** Course content folder; defaults to the content shipped with the app. */
    CONTENT_DIR: optionalText,
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /** Slack user ids, Azure AD object ids or e-mail addresses of managers, comma-separated. */
    TUTOR_MANAGERS: list,
    /** How often the daily-prompt scheduler looks for due prompts. */
    SCHEDULER_TICK_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
    /** How long a claimed daily prompt is one worker's; after it, another may take over (a crashed worker's). */
    SCHEDULER_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
    /** Slack: one workspace over HTTP (signing secret + bot token), many via OAuth, or Socket Mode. */
    SLACK_SIGNING_SECRET: secret,
    SLACK_BOT_TOKEN: prefixed('xoxb-', 'a bot token'),
    SLACK_CLIENT_ID: secret,
    SLACK_CLIENT_SECRET: secret,
    SLACK_STATE_SECRET: secret,
    SLACK_APP_TOKEN: prefixed('xapp-', 'an app-level token'),
    /** Base URL of the Slack Web API (GovSlack, tests); must end with a slash. */
    SLACK_API_URL: z.url().optional(),
    /** Teams (botbuilder's own names; the upper-case MICROSOFT_APP_* forms are accepted too, see readConfig). */
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    ),
    MicrosoftAppTenantId: optionalText,
    /** The network edge (docs/security.md). */
    /** Without MicrosoftAppId, accept Teams activities from clients on this machine (Agents Playground, Emulator). */
    TEAMS_LOCAL_CLIENTS: flag,
    /** The address people reach this server at, for links back to it (the Teams CSV download). */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://tutor.example.com' })
      .optional(),
    /** GET /api/cost requests per client address per minute; past it, 429 with Retry-After. */
    COST_API_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
    /** Explanations: OpenAI when a key is set, the glossary otherwise. */
    OPENAI_API_KEY: optionalText,
    OPENAI_BASE_URL: z.url().optional(),
    OPENAI_MODEL: z.string().trim().min(1).default('gpt-5.4-mini'),
    EXPLAIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
    /** Spend on explanations per workspace per day, in US dollars; past it the glossary answers. */
    EXPLAIN_DAILY_BUDGET_USD: z.coerce.number().min(0).max(10_000).default(1),
    EXPLAIN_PER_MEMBER_PER_HOUR: z.coerce.number().int().min(1).max(1_000).default(20),
    /** Secrets at rest: the key Slack bot tokens are encrypted with (required with OAuth). */
    TOKEN_ENCRYPTION_KEY: tokenKeyText,
    /** While rotating: the previous key(s), comma-separated; rows sealed with them are re-sealed at start. */
    TOKEN_ENCRYPTION_KEY_PREVIOUS: tokenKeyList,
  })
  .superRefine((c, ctx) => {
    // A half-configured Slack is a mistake worth stopping for: name exactly what is missing.
    const need = (name: keyof typeof c, why: string) => {
      if (!c[name]) ctx.addIssue({ code: 'custom', path: [name], message: `is required ${why}` });
    };
    if (c.SLACK_APP_TOKEN) need('SLACK_BOT_TOKEN', 'with SLACK_APP_TOKEN (Socket Mode)');
    else if (c.SLACK_CLIENT_ID || c.SLACK_CLIENT_SECRET || c.SLACK_STATE_SECRET) {
      for (const name of [
        'SLACK_CLIENT_ID',
        'SLACK_CLIENT_SECRET',
        'SLACK_STATE_SECRET',
        'SLACK_SIGNING_SECRET',
      ] as const)
        need(name, 'for installing into many workspaces (OAuth)');
    } else if (c.SLACK_SIGNING_SECRET || c.SLACK_BOT_TOKEN) {
      need('SLACK_SIGNING_SECRET', 'with SLACK_BOT_TOKEN');
      need('SLACK_BOT_TOKEN', 'with SLACK_SIGNING_SECRET');
    }
    if (c.SLACK_CLIENT_ID && !c.SLACK_APP_TOKEN)
      need('TOKEN_ENCRYPTION_KEY', 'with SLACK_CLIENT_ID (OAuth): the bot tokens it stores are encrypted with it');
    if (c.MicrosoftAppId && c.MicrosoftAppType !== 'UserAssignedMSI')
      need('MicrosoftAppPassword', 'with MicrosoftAppId');
    if (c.MicrosoftAppType === 'SingleTenant') need('MicrosoftAppTenantId', 'when MicrosoftAppType is SingleTenant');
    if (c.MicrosoftAppType === 'UserAssignedMSI')
      need('MicrosoftAppTenantId', 'when MicrosoftAppType is UserAssignedMSI');
  })
  // New Azure bots are single-tenant (multi-tenant registrations closed in July 2025): a tenant id
  // with no app type means SingleTenant; with neither, botbuilder's MultiTenant stays for older bots.
  .transform((c) =>
    c.MicrosoftAppId && !c.MicrosoftAppType && c.MicrosoftAppTenantId
      ? { ...c, MicrosoftAppType: 'SingleTenant' as const }
      : c,
  );

export type SlackMode = 'off' | 'single' | 'oauth' | 'socket';

export function slackMode(c: Config): SlackMode {
  if (c.SLACK_APP_TOKEN) return 'socket';
  if (c.SLACK_CLIENT_ID) return 'oauth';
  if (c.SLACK_SIGNING_SECRET) return 'single';
  return 'off';
}

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: readonly string[]) {
    super(
      `The environment has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every bad variable by name (values are never echoed). */
const TEAMS_ALIASES = {
  MICROSOFT_APP_ID: 'MicrosoftAppId',
  MICROSOFT_APP_PASSWORD: 'MicrosoftAppPassword',
  MICROSOFT_APP_TYPE: 'MicrosoftAppType',
  MICROSOFT_APP_TENANT_ID: 'MicrosoftAppTenantId',
} as const;

export function readConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const merged: Record<string, string | undefined> = { ...env };
  for (const [upper, name] of Object.entries(TEAMS_ALIASES)) merged[name] ??= env[upper];
  const result = configSchema.safeParse(merged);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
}
