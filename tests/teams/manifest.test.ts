import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fillManifest,
  localSchemaPath,
  MANIFEST_DIR,
  PackageError,
  packageTeamsApp,
  schemaProblems,
  settingsFrom,
} from '../../scripts/package-teams.js';
import { colorIcon, outlineIcon } from '../../scripts/teams-icons.js';
import { parseCommand } from '../../src/core/commands/parse.js';

const template = readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const settings = { appId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', domain: 'tutor.example.com' };
const manifest = fillManifest(template, settings) as unknown as {
  $schema: string;
  manifestVersion: string;
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  validDomains: string[];
};

interface Png {
  readonly width: number;
  readonly height: number;
  readonly colorType: number;
  /** RGBA, row by row. */
  readonly pixels: Buffer;
}

/** Reads an 8-bit RGBA PNG as our generator writes it (every row with filter type 0). */
function readPng(file: Buffer): Png {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(file.toString('ascii', 12, 16)).toBe('IHDR');
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  const colorType = file[25] ?? -1;
  const idat: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    if (file.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(file.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    rows.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, colorType, pixels };
}

const pixelsOf = (png: Png) =>
  Array.from({ length: png.width * png.height }, (_, i) => png.pixels.subarray(i * 4, i * 4 + 4));

describe('the Teams manifest', () => {
  it('is valid against the official schema, read from @microsoft/app-manifest offline', async () => {
    expect(localSchemaPath(manifest)).toContain(join('node_modules', '@microsoft', 'app-manifest'));
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(19);
    expect(await schemaProblems(fillManifest(template, settings))).toEqual([]);
  });

  it('is really checked: a broken manifest fails the schema', async () => {
    const broken = JSON.parse(JSON.stringify(fillManifest(template, settings)));
    broken.bots[0].scopes = ['everywhere'];
    delete broken.accentColor;
    const problems = await schemaProblems(broken);
    expect(problems.join('\n')).toMatch(/accentColor/);
    expect(problems.join('\n')).toMatch(/scopes/);
  });

  it('has a bot in personal, team and group chat scope, with the app id and the domain filled in', () => {
    const bot = manifest.bots[0];
    expect(bot?.botId).toBe(settings.appId);
    expect(bot?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.validDomains).toEqual([settings.domain]);
    expect(template).toContain('{{APP_ID}}');
    expect(template).toContain('{{BOT_DOMAIN}}');
  });

  it('lists, for every scope, the commands the bot understands, within Teams limits', () => {
    const lists = manifest.bots[0]?.commandLists ?? [];
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      const titles = list.commands.map((c) => c.title);
      expect(titles.sort()).toEqual([
        'cost',
        'daily',
        'explain',
        'help',
        'lesson',
        'progress',
        'quiz',
        'report',
        'review',
      ]);
      for (const c of list.commands) {
        const intent = parseCommand(c.title);
        expect(intent.kind === 'help' ? (intent as { unknown?: string }).unknown : undefined, c.title).toBeUndefined();
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
        // Teams would swallow a <placeholder> as HTML.
        expect(c.description).not.toMatch(/<[a-z]/i);
      }
    }
  });
});

describe('the icons', () => {
  const color = readPng(readFileSync(join(MANIFEST_DIR, 'color.png')));
  const outline = readPng(readFileSync(join(MANIFEST_DIR, 'outline.png')));

  it('are 192×192 (colour) and 32×32 (outline) RGBA PNGs', () => {
    expect([color.width, color.height, color.colorType]).toEqual([192, 192, 6]);
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
  });

  it('colour is opaque; outline is white on a transparent background', () => {
    expect(pixelsOf(color).every((p) => p[3] === 255)).toBe(true);
    const drawn = pixelsOf(outline).filter((p) => (p[3] ?? 0) > 0);
    expect(drawn.length).toBeGreaterThan(50);
    expect(drawn.every((p) => p[0] === 255 && p[1] === 255 && p[2] === 255)).toBe(true);
    for (const corner of [0, 31, 32 * 31, 32 * 32 - 1]) expect(outline.pixels[corner * 4 + 3]).toBe(0);
  });

  it('are what scripts/teams-icons.ts draws', () => {
    expect(readPng(colorIcon()).pixels.equals(color.pixels)).toBe(true);
    expect(readPng(outlineIcon()).pixels.equals(outline.pixels)).toBe(true);
  });
});

describe('npm run package:teams', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teams-package-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the missing variables', () => {
    expect(() => settingsFrom({})).toThrow(PackageError);
    try {
      settingsFrom({ TEAMS_BOT_DOMAIN: 'tutor.example.com' });
    } catch (error) {
      expect((error as Error).message).toContain('MicrosoftAppId (or MICROSOFT_APP_ID)');
      expect((error as Error).message).not.toContain('TEAMS_BOT_DOMAIN');
    }
    expect(() => settingsFrom({ MicrosoftAppId: settings.appId })).toThrow(/TEAMS_BOT_DOMAIN/);
    expect(
      settingsFrom({ MICROSOFT_APP_ID: settings.appId, TEAMS_BOT_DOMAIN: 'https://Tutor.Example.com/api/messages' }),
    ).toEqual(settings);
  });

  it('writes a zip with the manifest and both icons at its root', async () => {
    const file = join(dir, 'teams-app.zip');
    await packageTeamsApp(settings, file);
    const entries = unzipSync(readFileSync(file));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(Buffer.from(entries['manifest.json'] ?? []).toString('utf8'));
    expect(packed.id).toBe(settings.appId);
    expect(packed.bots[0].botId).toBe(settings.appId);
    expect(JSON.stringify(packed)).not.toContain('{{');
    expect(Buffer.from(entries['color.png'] ?? []).equals(readFileSync(join(MANIFEST_DIR, 'color.png')))).toBe(true);
    expect(Buffer.from(entries['outline.png'] ?? []).equals(readFileSync(join(MANIFEST_DIR, 'outline.png')))).toBe(
      true,
    );
  });
});
