import { createGlobals } from './globals';
import { World } from './world';

describe('CacheService', () => {
  test('entries expire on the world clock (default 600 s)', () => {
    const world = new World();
    const cache = createGlobals(world).CacheService.getScriptCache();
    cache.put('a', '1');
    cache.put('b', '2', 30);
    world.clock.advance(29_999);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ a: '1', b: '2' });
    world.clock.advance(1);
    expect(cache.get('b')).toBeNull();
    world.clock.advance(570_000);
    expect(cache.get('a')).toBeNull();
  });

  test('expiry is capped at 21600 s', () => {
    const world = new World();
    const cache = createGlobals(world).CacheService.getDocumentCache();
    cache.put('k', 'v', 100_000);
    world.clock.advance(21_600_000 - 1);
    expect(cache.get('k')).toBe('v');
    world.clock.advance(1);
    expect(cache.get('k')).toBeNull();
  });

  test('user caches are per user; script cache is shared; limits', () => {
    const world = new World();
    const a = createGlobals(world, { user: 'a@example.com' });
    const b = createGlobals(world, { user: 'b@example.com' });
    a.CacheService.getUserCache().put('k', 'a');
    a.CacheService.getScriptCache().put('s', 'shared');
    expect(b.CacheService.getUserCache().get('k')).toBeNull();
    expect(b.CacheService.getScriptCache().get('s')).toBe('shared');
    expect(() => a.CacheService.getScriptCache().put('x'.repeat(251), 'v')).toThrow(
      'Argument too large: key',
    );
    expect(() => a.CacheService.getScriptCache().put('k', 'x'.repeat(100 * 1024 + 1))).toThrow(
      'Argument too large: value',
    );
    a.CacheService.getScriptCache().putAll({ p: '1', q: '2' });
    a.CacheService.getScriptCache().removeAll(['p']);
    expect(a.CacheService.getScriptCache().getAll(['p', 'q'])).toEqual({ q: '2' });
  });
});

describe('PropertiesService', () => {
  test('values are strings; set, get, delete', () => {
    const world = new World();
    const props = createGlobals(world).PropertiesService.getDocumentProperties();
    props.setProperty('n', 5 as unknown as string).setProperties({ a: 'x', b: true as unknown as string });
    expect(props.getProperty('n')).toBe('5');
    expect(props.getProperties()).toEqual({ n: '5', a: 'x', b: 'true' });
    props.setProperties({ only: '1' }, true);
    expect(props.getKeys()).toEqual(['only']);
    props.deleteProperty('only');
    expect(props.getProperty('only')).toBeNull();
    expect(world.documentProperties.toObject()).toEqual({});
  });

  test('user properties are per user', () => {
    const world = new World();
    createGlobals(world, { user: 'a@example.com' })
      .PropertiesService.getUserProperties()
      .setProperty('k', 'a');
    expect(
      createGlobals(world, { user: 'b@example.com' }).PropertiesService.getUserProperties().getProperty('k'),
    ).toBeNull();
    expect(world.userProperties('a@example.com').toObject()).toEqual({ k: 'a' });
  });

  test('9 KB per value and 500 KB per store', () => {
    const world = new World();
    const props = createGlobals(world).PropertiesService.getScriptProperties();
    props.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    for (let i = 0; i < 55; i++) props.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => props.setProperty('last', 'x'.repeat(9000))).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(props.getProperty('last')).toBeNull();
  });
});
