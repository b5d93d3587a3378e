import { useCallback, useMemo, useRef } from "react";

/**
 * Keyboard order of the scoring fields, independent of what the document column puts between them:
 * Enter in a score (or Tab out of its comment) goes to the next item's score, as in a spreadsheet.
 */
export function useFieldNav(codes: readonly string[]) {
  const fields = useRef(new Map<string, HTMLElement>());
  const index = useMemo(() => new Map(codes.map((code, i) => [code, i])), [codes]);

  const register = useCallback((code: string, element: HTMLElement | null) => {
    if (element) fields.current.set(code, element);
    else fields.current.delete(code);
  }, []);

  /** Focuses an item's score: the chosen grade (or the first) of a graded item, the points input otherwise. */
  const focus = useCallback((code: string): boolean => {
    const box = fields.current.get(code);
    const target =
      box?.querySelector<HTMLElement>("input[type=radio]:checked") ??
      box?.querySelector<HTMLElement>("input:not([type=hidden])");
    if (!box || !target) return false;
    box.scrollIntoView({ block: "center", behavior: "instant" });
    target.focus({ preventScroll: true });
    return true;
  }, []);

  /** Moves to the next item's score; false at the last one (then the key does what it normally does). */
  const next = useCallback(
    (code: string): boolean => {
      const at = index.get(code);
      if (at === undefined) return false;
      for (let i = at + 1; i < codes.length; i++) {
        const candidate = codes[i];
        if (candidate !== undefined && focus(candidate)) return true;
      }
      return false;
    },
    [codes, index, focus],
  );

  // One object for the form's life (its functions are stable), so memoized item rows keep their props.
  return useMemo(() => ({ register, focus, next }), [register, focus, next]);
}

export type FieldNav = ReturnType<typeof useFieldNav>;
