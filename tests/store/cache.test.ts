import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { seeded, WORKSPACE } from './helpers.js';

const tmp = useTmpDir();

function setup() {
  let clock = 1_000;
  const { store } = seeded(tmp.track(openDatabase(tmp.file())), () => clock);
  return { store, tick: (ms: number) => (clock += ms) };
}

describe('explanation cache', () => {
  it('counts a hit on every read and keeps hits when an entry is refreshed', () => {
    const { store, tick } = setup();
    expect(store.explanations.get('k1')).toBeUndefined();
    store.explanations.put({
      key: 'k1',
      sentence: 'Inference is paid on every query.',
      model: 'gpt-4o-mini',
      promptVersion: 'v1',
      explanation: { text: 'Each answer costs money.' },
    });
    tick(10);
    expect(store.explanations.get('k1')).toMatchObject({ hits: 1, lastHitAt: 1_010, createdAt: 1_000 });
    tick(10);
    const second = store.explanations.get('k1');
    expect(second).toMatchObject({ hits: 2, lastHitAt: 1_020, explanation: { text: 'Each answer costs money.' } });

    store.explanations.put({ key: 'k1', sentence: 's', model: 'm', promptVersion: 'v2', explanation: 'short' });
    expect(store.explanations.get('k1')).toMatchObject({ hits: 3, promptVersion: 'v2', explanation: 'short' });
  });

  it('adds spend per workspace and day atomically', () => {
    const { store } = setup();
    expect(store.spend.get(WORKSPACE, '2024-06-01')).toEqual({ usdMicros: 0, calls: 0 });
    expect(store.spend.add(WORKSPACE, '2024-06-01', 1_250)).toEqual({ usdMicros: 1_250, calls: 1 });
    expect(store.spend.add(WORKSPACE, '2024-06-01', 750)).toEqual({ usdMicros: 2_000, calls: 2 });
    expect(store.spend.get(WORKSPACE, '2024-06-02')).toEqual({ usdMicros: 0, calls: 0 });
    expect(() => store.spend.add(WORKSPACE, '2024-06-01', 0.5)).toThrow(); // micros are whole numbers
    expect(() => store.spend.add(WORKSPACE, '2024-06-01', -5_000)).toThrow(/CHECK/);
    expect(store.spend.get(WORKSPACE, '2024-06-01')).toEqual({ usdMicros: 2_000, calls: 2 });
  });
});

describe('conversation references and installations', () => {
  it('saves, replaces and lists Teams conversation references', () => {
    const { store, tick } = setup();
    store.workspaces.ensure({ id: 'teams:t1', platform: 'teams' });
    store.conversations.save('19:abc', 'teams:t1', { serviceUrl: 'https://smba.one/', conversation: { id: '19:abc' } });
    tick(5);
    store.conversations.save('19:abc', 'teams:t1', { serviceUrl: 'https://smba.two/', conversation: { id: '19:abc' } });
    store.conversations.save('a:dm', 'teams:t1', { conversation: { id: 'a:dm' } });
    expect(store.conversations.get('19:abc')).toEqual({
      id: '19:abc',
      workspaceId: 'teams:t1',
      reference: { serviceUrl: 'https://smba.two/', conversation: { id: '19:abc' } },
      updatedAt: 1_005,
    });
    expect(store.conversations.list('teams:t1').map((c) => c.id)).toEqual(['19:abc', 'a:dm']);
    expect(store.conversations.get('nope')).toBeUndefined();
    expect(() => store.conversations.save('x', 'teams:unknown', {})).toThrow(/FOREIGN KEY/);
  });

  it('saves, reads and removes Slack installations', () => {
    const { store } = setup();
    const installation = { team: { id: 'T001' }, bot: { token: 'xoxb-test', userId: 'B1' } };
    store.installations.save('T001', installation);
    expect(store.installations.get('T001')).toEqual({ id: 'T001', installation, updatedAt: 1_000 });
    expect(store.installations.remove('T001')).toBe(true);
    expect(store.installations.remove('T001')).toBe(false);
    expect(store.installations.get('T001')).toBeUndefined();
  });
});
