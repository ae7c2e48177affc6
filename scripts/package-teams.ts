/**
 * `npm run package:teams`: the app package Teams accepts (upload it in Teams → Apps → Manage your
 * apps → Upload an app, or in the Teams admin center). It fills manifests/teams/manifest.json with
 *   {{APP_ID}}      from MicrosoftAppId (or MICROSOFT_APP_ID): the bot's Microsoft App ID
 *   {{BOT_DOMAIN}}  from TEAMS_BOT_DOMAIN: the public host name the bot's /api/messages is on
 * checks the result against the official manifest JSON schema shipped in @microsoft/app-manifest
 * (offline: it never downloads a schema), and writes build/teams-app.zip with manifest.json,
 * color.png and outline.png at the zip's root.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';

const root = join(import.meta.dirname, '..');
export const MANIFEST_DIR = join(root, 'manifests', 'teams');
export const DEFAULT_OUT = join(root, 'build', 'teams-app.zip');

export class PackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Cannot package the Teams app:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?!-)[a-z0-9-]{1,63}(?:\.(?!-)[a-z0-9-]{1,63})+$/i;

export interface Settings {
  readonly appId: string;
  readonly domain: string;
}

/** Reads the app id and domain from the environment; every problem is named by its variable. */
export function settingsFrom(env: Readonly<Record<string, string | undefined>>): Settings {
  const appId = (env.MicrosoftAppId || env.MICROSOFT_APP_ID || '').trim();
  // Accept a URL too (https://bot.example.com/api/messages): Teams wants the bare host name.
  const domain = (env.TEAMS_BOT_DOMAIN ?? '')
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/[/:].*$/, '');
  const problems: string[] = [];
  if (!appId) problems.push("MicrosoftAppId (or MICROSOFT_APP_ID): set it to the bot's Microsoft App ID (a GUID).");
  else if (!GUID.test(appId))
    problems.push('MicrosoftAppId: must be a GUID like 00000000-0000-0000-0000-000000000000.');
  if (!domain) problems.push('TEAMS_BOT_DOMAIN: set it to the public host name of the bot, e.g. tutor.example.com.');
  else if (!DOMAIN.test(domain)) problems.push(`TEAMS_BOT_DOMAIN: "${domain.slice(0, 80)}" is not a host name.`);
  if (problems.length > 0) throw new PackageError(problems);
  return { appId: appId.toLowerCase(), domain: domain.toLowerCase() };
}

/** The manifest template with its placeholders filled in. */
export function fillManifest(template: string, settings: Settings): TeamsManifest {
  const filled = template.replaceAll('{{APP_ID}}', settings.appId).replaceAll('{{BOT_DOMAIN}}', settings.domain);
  const left = /\{\{[A-Z_]+\}\}/.exec(filled);
  if (left) throw new PackageError([`manifest.json: the placeholder ${left[0]} has no value.`]);
  return JSON.parse(filled) as TeamsManifest;
}

/** The schema file for the manifest's `$schema`, from the package; never fetched from the network. */
export function localSchemaPath(manifest: { $schema?: string }): string {
  const url = manifest.$schema ?? '';
  const suffix =
    /^https:\/\/developer\.microsoft\.com\/json-schemas\/(teams\/v[\w.]+\/MicrosoftTeams\.schema\.json)$/.exec(
      url,
    )?.[1];
  if (!suffix) throw new PackageError([`manifest.json: $schema "${url}" is not a Teams manifest schema URL.`]);
  const pkg = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  const file = join(pkg, 'build', 'json-schemas', suffix);
  if (!existsSync(file)) throw new PackageError([`@microsoft/app-manifest does not ship ${suffix}.`]);
  return file;
}

/** Problems found by the official JSON schema; empty when the manifest is valid. */
export async function schemaProblems(manifest: TeamsManifest): Promise<string[]> {
  const schema = JSON.parse(readFileSync(localSchemaPath(manifest), 'utf8'));
  return AppManifestUtils.validateAgainstSchema(manifest, schema);
}

export async function packageTeamsApp(settings: Settings, outFile = DEFAULT_OUT): Promise<TeamsManifest> {
  const manifest = fillManifest(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), settings);
  const problems = await schemaProblems(manifest);
  if (problems.length > 0) throw new PackageError(problems.map((p) => `manifest.json${p}`));
  const zip = zipSync({
    'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': readFileSync(join(MANIFEST_DIR, 'color.png')),
    'outline.png': readFileSync(join(MANIFEST_DIR, 'outline.png')),
  });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  return manifest;
}

const isEntryPoint = process.argv[1]?.endsWith('package-teams.ts');
if (isEntryPoint) {
  try {
    const settings = settingsFrom(process.env);
    await packageTeamsApp(settings);
    console.log(`Wrote ${relative(process.cwd(), DEFAULT_OUT)} for app ${settings.appId} on ${settings.domain}.`);
    console.log('Upload it in Teams: Apps → Manage your apps → Upload an app.');
  } catch (error) {
    console.error(error instanceof PackageError ? error.message : error);
    process.exitCode = 1;
  }
}
