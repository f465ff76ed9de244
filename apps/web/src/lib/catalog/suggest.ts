/**
 * Search-box autocomplete without the DOM: when to ask, what the list holds, how the keys move
 * through it, and a debounced asker that shows only the newest answer. `SearchBox.svelte` wires
 * these to the input.
 */
import type { SuggestResponse } from '@shop/contracts/catalog';
import type { z } from 'zod';
import { listHref } from './catalog';

export type Suggestions = z.infer<typeof SuggestResponse>;

/** Same cap as the API's `q`. */
export const suggestMaxLength = 100;
export const suggestDelayMs = 150;

// One Chinese (or Japanese, Korean) character already narrows a catalog; one Latin letter does not.
const ideographic = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The text worth asking suggestions for: trimmed, at least one CJK character or two others; else null. */
export function suggestQuery(raw: string): string | null {
  const q = raw.trim().slice(0, suggestMaxLength);
  const min = ideographic.test(q) ? 1 : 2;
  return [...q].length >= min ? q : null;
}

// ---------- the list ----------

export type SuggestionGroupKind = 'products' | 'categories' | 'brands';

export interface SuggestionOption {
  /** Position in the flat list: what ArrowUp/ArrowDown count and the option's id ends with. */
  index: number;
  kind: SuggestionGroupKind | 'search';
  href: string;
  label: string;
  /** Products only: the API's name with `<mark>` around the match (render through `safeHighlight`). */
  highlight?: string;
}

export interface SuggestionList {
  /** The query these suggestions answer. */
  q: string;
  /** Non-empty groups in display order: products, categories, brands. */
  groups: { kind: SuggestionGroupKind; options: SuggestionOption[] }[];
  /** "Search for “q”", last, so ArrowDown lands on the first suggestion. */
  search: SuggestionOption;
  /** Every option in display order (the groups', then `search`); `options[i].index === i`. */
  options: SuggestionOption[];
}

/** The list for an answer, or null when it suggests nothing (then the box shows no list at all). */
export function suggestionList(q: string, s: Suggestions): SuggestionList | null {
  if (s.products.length + s.categories.length + s.brands.length === 0) return null;
  const options: SuggestionOption[] = [];
  const add = (o: Omit<SuggestionOption, 'index'>) => {
    const option = { ...o, index: options.length };
    options.push(option);
    return option;
  };
  const groups = [
    {
      kind: 'products' as const,
      options: s.products.map((p) =>
        add({ kind: 'products', href: `/products/${encodeURIComponent(p.slug)}`, label: p.name, highlight: p.highlight }),
      ),
    },
    {
      kind: 'categories' as const,
      options: s.categories.map((c) => add({ kind: 'categories', href: listHref({ category: c.slug }), label: c.name })),
    },
    { kind: 'brands' as const, options: s.brands.map((b) => add({ kind: 'brands', href: listHref({ brand: b.slug }), label: b.name })) },
  ].filter((g) => g.options.length > 0);
  const search = add({ kind: 'search', href: listHref({ q }), label: q });
  return { q, groups, search, options };
}

// ---------- keys ----------

/**
 * The active option after one step: `-1` is "none" (the text as typed), and stepping past either
 * end comes back to it, so the typed text is always one key away.
 */
export function moveActive(active: number, count: number, step: 1 | -1): number {
  if (count <= 0) return -1;
  if (active < 0) return step === 1 ? 0 : count - 1;
  const next = active + step;
  return next < 0 || next >= count ? -1 : next;
}

export interface SuggestKeyState {
  open: boolean;
  active: number;
  /** Options in the current list (0 when there is none). */
  count: number;
}

export type SuggestKeyAction =
  /** Show the list (if hidden) with this option active. */
  | { type: 'move'; active: number }
  | { type: 'close' }
  /** Open the option at this index. */
  | { type: 'follow'; index: number }
  /** Not ours: the browser does its usual thing (Enter submits the form, Escape clears a search field). */
  | null;

/** What a key does in the search box (WAI-ARIA combobox with a listbox popup). */
export function suggestKey(key: string, state: SuggestKeyState): SuggestKeyAction {
  const { open, active, count } = state;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowUp': {
      if (count === 0) return null;
      const step = key === 'ArrowDown' ? 1 : -1;
      return { type: 'move', active: moveActive(open ? active : -1, count, step) };
    }
    case 'Enter':
      return open && active >= 0 && active < count ? { type: 'follow', index: active } : null;
    case 'Escape':
      return open ? { type: 'close' } : null;
    default:
      return null;
  }
}

// ---------- asking ----------

export interface SuggesterOptions {
  /** Fetches suggestions; should give up when `signal` aborts. A rejection shows nothing. */
  load: (q: string, signal: AbortSignal) => Promise<Suggestions>;
  /** The newest answer (never an older one after a newer), or null: nothing to show. */
  show: (q: string, suggestions: Suggestions | null) => void;
  delayMs?: number;
}

export interface Suggester {
  /** The text changed. Ignored while an input method composes. */
  input(raw: string): void;
  /** An input method started composing (Chinese, Japanese…): its intermediate text is not asked for. */
  compositionStart(): void;
  /** The input method committed its text: ask for it. */
  compositionEnd(raw: string): void;
  /** Forgets the waiting and running question; resolves whether there was one. */
  cancel(): boolean;
}

/**
 * Debounces questions and shows only the newest answer: each question aborts the previous one
 * and carries a number, and an answer whose number is not the latest is dropped even if its
 * request ignored the abort.
 */
export function createSuggester(options: SuggesterOptions): Suggester {
  const delayMs = options.delayMs ?? suggestDelayMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: AbortController | undefined;
  let latest = 0;
  let composing = false;

  function cancel(): boolean {
    const pending = timer !== undefined || running !== undefined;
    clearTimeout(timer);
    timer = undefined;
    running?.abort();
    running = undefined;
    latest++;
    return pending;
  }

  function ask(q: string) {
    timer = undefined;
    const id = ++latest;
    const controller = new AbortController();
    running = controller;
    const settle = (suggestions: Suggestions | null) => {
      if (id !== latest) return;
      running = undefined;
      options.show(q, suggestions);
    };
    let answer: Promise<Suggestions>;
    try {
      answer = options.load(q, controller.signal);
    } catch {
      answer = Promise.reject(new Error('load failed'));
    }
    answer.then(settle, () => settle(null));
  }

  function schedule(raw: string) {
    const q = suggestQuery(raw);
    cancel();
    if (q === null) {
      options.show(raw.trim(), null);
      return;
    }
    timer = setTimeout(() => ask(q), delayMs);
  }

  return {
    input(raw) {
      if (!composing) schedule(raw);
    },
    compositionStart() {
      composing = true;
      // The text before composing may still be asked for; only the waiting timer would fire mid-word.
      clearTimeout(timer);
      timer = undefined;
    },
    compositionEnd(raw) {
      composing = false;
      schedule(raw);
    },
    cancel,
  };
}
