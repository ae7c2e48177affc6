/** Repository contract: the explanation cache, spend, conversations and installations on SQLite and PostgreSQL. */
import { describe, expect, it } from 'vitest';
import { BACKENDS, CHECK, FOREIGN_KEY, useStores } from './backends.js';
import { seed, WORKSPACE } from './helpers.js';

describe.each(BACKENDS)('$name', (backend) => {
  const stores = useStores(backend);

  async function setup() {
    let clock = 1_000;
    const { store } = await stores(() => clock);
    await seed(store);
    return { store, tick: (ms: number) => (clock += ms) };
  }

  describe('explanation cache', () => {
    it('counts a hit on every read and keeps hits when an entry is refreshed', async () => {
      const { store, tick } = await setup();
      expect(await store.explanations.get('k1')).toBeUndefined();
      await store.explanations.put({
        key: 'k1',
        sentence: 'Inference is paid on every query.',
        model: 'gpt-4o-mini',
        promptVersion: 'v1',
        explanation: { text: 'Each answer costs money.' },
      });
      tick(10);
      expect(await store.explanations.get('k1')).toMatchObject({ hits: 1, lastHitAt: 1_010, createdAt: 1_000 });
      tick(10);
      const second = await store.explanations.get('k1');
      expect(second).toMatchObject({ hits: 2, lastHitAt: 1_020, explanation: { text: 'Each answer costs money.' } });

      await store.explanations.put({ key: 'k1', sentence: 's', model: 'm', promptVersion: 'v2', explanation: 'short' });
      expect(await store.explanations.get('k1')).toMatchObject({ hits: 3, promptVersion: 'v2', explanation: 'short' });
    });

    it('adds spend per workspace and day atomically', async () => {
      const { store } = await setup();
      expect(await store.spend.get(WORKSPACE, '2024-06-01')).toEqual({ usdMicros: 0, calls: 0 });
      expect(await store.spend.add(WORKSPACE, '2024-06-01', 1_250)).toEqual({ usdMicros: 1_250, calls: 1 });
      expect(await store.spend.add(WORKSPACE, '2024-06-01', 750)).toEqual({ usdMicros: 2_000, calls: 2 });
      expect(await store.spend.get(WORKSPACE, '2024-06-02')).toEqual({ usdMicros: 0, calls: 0 });
      await expect(store.spend.add(WORKSPACE, '2024-06-01', 0.5)).rejects.toThrow(); // micros are whole numbers
      await expect(store.spend.add(WORKSPACE, '2024-06-01', -5_000)).rejects.toThrow(CHECK);
      expect(await store.spend.get(WORKSPACE, '2024-06-01')).toEqual({ usdMicros: 2_000, calls: 2 });
    });
  });

  describe('conversation references and installations', () => {
    it('saves, replaces and lists Teams conversation references', async () => {
      const { store, tick } = await setup();
      await store.workspaces.ensure({ id: 'teams:t1', platform: 'teams' });
      await store.conversations.save('19:abc', 'teams:t1', {
        serviceUrl: 'https://smba.one/',
        conversation: { id: '19:abc' },
      });
      tick(5);
      await store.conversations.save('19:abc', 'teams:t1', {
        serviceUrl: 'https://smba.two/',
        conversation: { id: '19:abc' },
      });
      await store.conversations.save('a:dm', 'teams:t1', { conversation: { id: 'a:dm' } });
      expect(await store.conversations.get('19:abc')).toEqual({
        id: '19:abc',
        workspaceId: 'teams:t1',
        reference: { serviceUrl: 'https://smba.two/', conversation: { id: '19:abc' } },
        updatedAt: 1_005,
      });
      expect((await store.conversations.list('teams:t1')).map((c) => c.id)).toEqual(['19:abc', 'a:dm']);
      expect(await store.conversations.get('nope')).toBeUndefined();
      await expect(store.conversations.save('x', 'teams:unknown', {})).rejects.toThrow(FOREIGN_KEY);
    });

    it('saves, reads and removes Slack installations', async () => {
      const { store } = await setup();
      const installation = { team: { id: 'T001' }, bot: { token: 'xoxb-test', userId: 'B1' } };
      await store.installations.save('T001', installation);
      expect(await store.installations.get('T001')).toEqual({ id: 'T001', installation, updatedAt: 1_000 });
      expect(await store.installations.remove('T001')).toBe(true);
      expect(await store.installations.remove('T001')).toBe(false);
      expect(await store.installations.get('T001')).toBeUndefined();
    });
  });
});
