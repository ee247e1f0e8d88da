/**
 * The state of a list page: its filters kept in the address (so a filtered list can be shared and
 * survives a reload), a search box's draft until it is submitted, and the stack of cursors of
 * the pages walked through (cursor pages go forward only; "first page" empties the stack).
 * Changing a filter goes back to the first page.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';

export interface UrlList<F extends string> {
  /** Each filter's value in the address ('' when absent). */
  filters: Record<F, string>;
  /** Whether any filter is set (other than the `kept` ones). */
  filtered: boolean;
  /** Sets (non-empty) or clears (empty) filters and goes back to the first page. */
  apply(changes: Partial<Record<F, string>>): void;
  /** Clears every filter but the `kept` ones, and the draft. */
  clear(): void;
  /** The search box's text until submitted (see `submitSearch`). */
  draft: string;
  setDraft(text: string): void;
  /** Puts the trimmed draft into the search filter. */
  submitSearch(): void;
  /** The cursor of the page shown (undefined on the first). */
  cursor: string | undefined;
  isFirst: boolean;
  /** Goes to the page after the one shown. */
  next(cursor: string | null | undefined): void;
  first(): void;
}

/**
 * `names` are the filters the page keeps in the address; `search` names the one the search box
 * fills (default `q`, when it is among `names`); `kept` are those that are a way of looking rather
 * than a filter (a view, a sort): "clear" leaves them.
 */
export function useUrlList<F extends string>(names: readonly F[], options: { search?: F; kept?: readonly F[] } = {}): UrlList<F> {
  const [params, setParams] = useSearchParams();
  const search = options.search ?? (names.includes('q' as F) ? ('q' as F) : undefined);
  const filters = Object.fromEntries(names.map((n) => [n, params.get(n) ?? ''])) as Record<F, string>;
  const [cursors, setCursors] = useState<string[]>([]);
  const [draft, setDraft] = useState(search ? filters[search] : '');
  const clearable = names.filter((n) => !options.kept?.includes(n));

  function apply(changes: Partial<Record<F, string>>) {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes) as [F, string | undefined][]) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setCursors([]);
    setParams(p, { replace: true });
  }

  return {
    filters,
    filtered: clearable.some((n) => filters[n] !== ''),
    apply,
    clear() {
      setDraft('');
      apply(Object.fromEntries(clearable.map((n) => [n, ''])) as Partial<Record<F, string>>);
    },
    draft,
    setDraft,
    submitSearch() {
      if (search) apply({ [search]: draft.trim() } as Partial<Record<F, string>>);
    },
    cursor: cursors.at(-1),
    isFirst: cursors.length === 0,
    next(cursor) {
      if (cursor) setCursors((c) => [...c, cursor]);
    },
    first() {
      setCursors([]);
    },
  };
}
