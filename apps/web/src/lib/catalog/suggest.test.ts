import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSuggester, moveActive, suggestionList, suggestKey, suggestQuery, type Suggestions } from './suggest';

const none: Suggestions = { products: [], categories: [], brands: [] };
const answer = (name: string): Suggestions => ({
  products: [{ id: '00000000-0000-4000-8000-000000000001', slug: `p-${name}`, name, highlight: `<mark>${name}</mark>` }],
  categories: [],
  brands: [],
});

describe('suggestQuery', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['圓', '圓'],
    [' 圓領 ', '圓領'],
    ['T', null],
    ['sh', 'sh'],
    ['  s ', null],
    ['7', null],
    ['65', '65'],
    ['T恤', 'T恤'],
    ['ね', 'ね'],
  ])('%j → %j', (raw, q) => {
    expect(suggestQuery(raw)).toBe(q);
  });

  it('cuts at the API limit of 100', () => {
    expect(suggestQuery('a'.repeat(150))).toHaveLength(100);
  });
});

describe('suggestionList', () => {
  const s: Suggestions = {
    products: [
      { id: '00000000-0000-4000-8000-000000000001', slug: 'crew-tee', name: '經典圓領T恤', highlight: '經典<mark>圓領</mark>T恤' },
    ],
    categories: [{ id: '00000000-0000-4000-8000-000000000002', slug: 't-shirts', name: 'T恤' }],
    brands: [{ id: '00000000-0000-4000-8000-000000000003', slug: 'good days', name: '好日子' }],
  };

  it('groups products, categories and brands, then offers the search itself, numbered in that order', () => {
    const list = suggestionList('圓領', s);
    expect(list?.groups.map((g) => g.kind)).toEqual(['products', 'categories', 'brands']);
    expect(list?.options.map((o) => [o.index, o.kind, o.href, o.label])).toEqual([
      [0, 'products', '/products/crew-tee', '經典圓領T恤'],
      [1, 'categories', '/products?category=t-shirts', 'T恤'],
      [2, 'brands', '/products?brand=good+days', '好日子'],
      [3, 'search', '/products?q=%E5%9C%93%E9%A0%98', '圓領'],
    ]);
    expect(list?.options[0]?.highlight).toBe('經典<mark>圓領</mark>T恤');
    expect(list?.search).toBe(list?.options[3]);
  });

  it('leaves out empty groups and is null when nothing matches', () => {
    expect(suggestionList('x y', { ...none, brands: s.brands })?.groups.map((g) => g.kind)).toEqual(['brands']);
    expect(suggestionList('xyz', none)).toBeNull();
  });

  it('escapes slugs into the product path', () => {
    expect(suggestionList('a', { ...none, products: [{ ...s.products[0]!, slug: 'a/b?c' }] })?.options[0]?.href).toBe(
      '/products/a%2Fb%3Fc',
    );
  });
});

describe('moving through the list', () => {
  it.each([
    // active, count, step → next   (-1: none, the typed text)
    [-1, 3, 1, 0],
    [0, 3, 1, 1],
    [2, 3, 1, -1],
    [-1, 3, -1, 2],
    [1, 3, -1, 0],
    [0, 3, -1, -1],
    [-1, 0, 1, -1],
    [5, 3, 1, -1],
  ] as const)('from %i of %i by %i → %i', (active, count, step, next) => {
    expect(moveActive(active, count, step)).toBe(next);
  });
});

describe('suggestKey', () => {
  const open = { open: true, active: -1, count: 4 };
  const closed = { open: false, active: -1, count: 4 };

  it.each([
    ['ArrowDown', open, { type: 'move', active: 0 }],
    ['ArrowDown', { ...open, active: 3 }, { type: 'move', active: -1 }],
    ['ArrowUp', open, { type: 'move', active: 3 }],
    ['ArrowUp', { ...open, active: 0 }, { type: 'move', active: -1 }],
    // A hidden list opens on the first (or last) option, whatever was active before.
    ['ArrowDown', { ...closed, active: 2 }, { type: 'move', active: 0 }],
    ['ArrowUp', closed, { type: 'move', active: 3 }],
    ['ArrowDown', { open: false, active: -1, count: 0 }, null],
    ['Enter', { ...open, active: 1 }, { type: 'follow', index: 1 }],
    // Nothing active, or no list: Enter submits the form as typed.
    ['Enter', open, null],
    ['Enter', { ...closed, active: 1 }, null],
    ['Escape', open, { type: 'close' }],
    // Escape on a closed list is the browser's (a search field clears).
    ['Escape', closed, null],
    ['a', open, null],
    ['Home', open, null],
  ] as const)('%s when %j → %j', (key, state, action) => {
    expect(suggestKey(key, state)).toEqual(action);
  });
});

describe('createSuggester', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A load whose answers the test releases one by one, in any order. */
  function manualLoad() {
    const calls: { q: string; signal: AbortSignal; resolve: (s: Suggestions) => void; reject: (e: unknown) => void }[] = [];
    const load = (q: string, signal: AbortSignal) =>
      new Promise<Suggestions>((resolve, reject) => {
        calls.push({ q, signal, resolve, reject });
      });
    return { calls, load };
  }

  function setup() {
    const { calls, load } = manualLoad();
    const shown: [string, Suggestions | null][] = [];
    const suggester = createSuggester({ load, show: (q, s) => shown.push([q, s]), delayMs: 150 });
    return { calls, shown, suggester };
  }

  it('asks once the typing pauses for the delay, for the last text only', async () => {
    const { calls, shown, suggester } = setup();
    suggester.input('s');
    suggester.input('sh');
    suggester.input('shi');
    await vi.advanceTimersByTimeAsync(149);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.q)).toEqual(['shi']);

    calls[0]?.resolve(answer('Shirt'));
    await vi.runAllTimersAsync();
    expect(shown.at(-1)).toEqual(['shi', answer('Shirt')]);
  });

  it('clears at once, without asking, when the text gets too short', async () => {
    const { calls, shown, suggester } = setup();
    suggester.input('shi');
    suggester.input('s');
    await vi.runAllTimersAsync();
    expect(calls).toEqual([]);
    expect(shown).toEqual([['s', null]]);
  });

  it('never lets an older answer replace a newer one, and aborts the older request', async () => {
    const { calls, shown, suggester } = setup();
    suggester.input('圓');
    await vi.advanceTimersByTimeAsync(150);
    suggester.input('圓領');
    await vi.advanceTimersByTimeAsync(150);
    const [first, second] = calls;
    expect(first?.signal.aborted).toBe(true);
    expect(second?.signal.aborted).toBe(false);

    second?.resolve(answer('圓領T'));
    await vi.runAllTimersAsync();
    first?.resolve(answer('圓點'));
    await vi.runAllTimersAsync();

    expect(shown).toEqual([['圓領', answer('圓領T')]]);
  });

  it('shows nothing when the request fails', async () => {
    const { calls, shown, suggester } = setup();
    suggester.input('圓領');
    await vi.advanceTimersByTimeAsync(150);
    calls[0]?.reject(new Error('503'));
    await vi.runAllTimersAsync();
    expect(shown).toEqual([['圓領', null]]);
  });

  it('does not ask while an input method composes, and asks for the committed text', async () => {
    const { calls, suggester } = setup();
    suggester.compositionStart();
    suggester.input('ㄩㄢˊ');
    suggester.input('圓');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([]);

    suggester.compositionEnd('圓領');
    // Some browsers send one more input event after compositionend: still one question.
    suggester.input('圓領');
    await vi.advanceTimersByTimeAsync(150);
    expect(calls.map((c) => c.q)).toEqual(['圓領']);
  });

  it('drops a timer that was waiting when composing started', async () => {
    const { calls, suggester } = setup();
    suggester.input('ab');
    suggester.compositionStart();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([]);
  });

  it('cancel forgets the waiting and the running question and tells whether there was one', async () => {
    const { calls, shown, suggester } = setup();
    expect(suggester.cancel()).toBe(false);

    suggester.input('圓領');
    expect(suggester.cancel()).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([]);

    suggester.input('圓領');
    await vi.advanceTimersByTimeAsync(150);
    expect(suggester.cancel()).toBe(true);
    expect(calls[0]?.signal.aborted).toBe(true);
    calls[0]?.resolve(answer('圓領T'));
    await vi.runAllTimersAsync();
    expect(shown).toEqual([]);

    // Once answered, nothing is pending any more.
    suggester.input('圓領');
    await vi.advanceTimersByTimeAsync(150);
    calls[1]?.resolve(answer('圓領T'));
    await vi.runAllTimersAsync();
    expect(suggester.cancel()).toBe(false);
  });

  it('treats a load that throws at once like a failed one', async () => {
    const shown: [string, Suggestions | null][] = [];
    const suggester = createSuggester({
      load: () => {
        throw new Error('offline');
      },
      show: (q, s) => shown.push([q, s]),
    });
    suggester.input('圓領');
    await vi.runAllTimersAsync();
    expect(shown).toEqual([['圓領', null]]);
  });
});
