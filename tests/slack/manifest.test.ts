import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_SCOPES } from '../../src/slack/app.js';
import { EXPLAIN_SHORTCUT } from '../../src/slack/listeners/interactions.js';

const manifest = parse(
  readFileSync(fileURLToPath(new URL('../../manifests/slack/manifest.yaml', import.meta.url)), 'utf8'),
);

describe('the Slack app manifest', () => {
  it('asks for exactly the scopes the app uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SLACK_SCOPES].sort());
  });

  it('declares the commands, events and interactivity the app listens to, all on /slack/events', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      '/tutor',
      '/cost',
      '/explain',
    ]);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: EXPLAIN_SHORTCUT }),
    ]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.im',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('keeps usage hints and descriptions within Slack’s limits', () => {
    for (const c of manifest.features.slash_commands) {
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.usage_hint.length).toBeLessThanOrEqual(100);
    }
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
  });
});
