import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, readConfig } from '../../src/config.js';

const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
const lines = example.split('\n');
/** `NAME=value` lines that are not comments: what an admin gets by copying the file unchanged. */
const active = Object.fromEntries(
  lines
    .filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

describe('.env.example', () => {
  it('is a valid configuration as shipped', () => {
    expect(() => readConfig(active)).not.toThrow();
  });

  it('leaves DATABASE_PATH and PORT to the image when passed to the container with --env-file', () => {
    // The image sets DATABASE_PATH=/data/tutor.db (its volume); a relative path here would move the
    // database into the root-owned /app folder, off the volume.
    expect(active).not.toHaveProperty('DATABASE_PATH');
    expect(active).not.toHaveProperty('PORT');
  });

  it('mentions every variable the server reads', () => {
    const missing = Object.keys(configSchema.in.shape).filter((name) => !new RegExp(`\\b${name}=`).test(example));
    expect(missing).toEqual([]);
  });
});

describe('Teams app type', () => {
  const id = { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' };

  it('is SingleTenant when only a tenant id is given, as every new Azure bot is', () => {
    expect(readConfig({ ...id, MicrosoftAppTenantId: 'tenant' }).MicrosoftAppType).toBe('SingleTenant');
  });

  it('stays what the admin set, and a managed identity needs its tenant', () => {
    expect(
      readConfig({ ...id, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: 'tenant' }).MicrosoftAppType,
    ).toBe('MultiTenant');
    expect(() => readConfig({ MicrosoftAppId: id.MicrosoftAppId, MicrosoftAppType: 'UserAssignedMSI' })).toThrow(
      /MicrosoftAppTenantId: is required when MicrosoftAppType is UserAssignedMSI/,
    );
  });
});
