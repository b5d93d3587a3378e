import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CriteriaSystem } from "../../api/criteria.ts";
import { errorText, hasCode } from "../../api/errors.ts";
import { formQuery, proposeScoreChange, type ScoreForm, type Stage, saveForm, scoringKey } from "../../api/scoring.ts";
import { todoKey } from "../../api/todo.ts";
import {
  type Draft,
  type DraftFinding,
  type DraftItem,
  draftFromForm,
  draftKey,
  EMPTY_ITEM,
  formFromConflict,
  saveBody,
  scoredItems,
  sourcedOf,
  summarize,
} from "./draft.ts";

/** Autosave waits this long after the last change, then saves the whole form in one request. */
export const AUTOSAVE_MS = 2000;

/** Another tab (or person) saved the form first: their version, and whether ours was a submission. */
export interface StaleSave {
  current: ScoreForm;
  submit: boolean;
}

interface Options {
  tenant: string;
  applicationId: string;
  stage: Stage;
  system: CriteriaSystem;
  /** The form as loaded; the hook owns the draft from then on (mount it again to start over). */
  initial: ScoreForm;
}

/**
 * The draft of one scoring form: local edits, live totals, debounced autosave of the whole form with the
 * version it started from, and a stale save kept aside (never merged) until the reviewer chooses.
 */
export function useScoreDraft({ tenant, applicationId, stage, system, initial }: Options) {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const order = useMemo(() => scoredItems(system), [system]);
  const [draft, setDraftState] = useState<Draft>(() => draftFromForm(initial));
  const draftRef = useRef(draft);
  const [server, setServer] = useState<ScoreForm>(initial);
  const versionRef = useRef(initial.version);
  const [savedKey, setSavedKey] = useState(() => draftKey(order, draftFromForm(initial)));
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [stale, setStale] = useState<StaleSave | null>(null);
  const inFlight = useRef<Promise<unknown> | null>(null);
  /** Proposing a change after the stage closed: edits stay local until sent with a reason. */
  const [proposing, setProposing] = useState(false);

  const key = useMemo(() => draftKey(order, draft), [order, draft]);
  const sourced = useMemo(() => sourcedOf(server), [server]);
  const summary = useMemo(() => summarize(system, order, draft, sourced), [system, order, draft, sourced]);
  const dirty = key !== savedKey;
  const editable = server.editable || proposing;

  const setDraft = useCallback((update: (d: Draft) => Draft) => {
    setDraftState((d) => {
      const next = update(d);
      draftRef.current = next;
      return next;
    });
  }, []);

  const setItem = useCallback(
    (code: string, patch: Partial<DraftItem>) =>
      setDraft((d) => ({ ...d, items: { ...d.items, [code]: { ...(d.items[code] ?? EMPTY_ITEM), ...patch } } })),
    [setDraft],
  );

  const setFindings = useCallback(
    (update: (findings: DraftFinding[]) => DraftFinding[]) =>
      setDraft((d) => ({ ...d, vetoFindings: update(d.vetoFindings) })),
    [setDraft],
  );

  const accept = useCallback(
    (form: ScoreForm) => {
      versionRef.current = form.version;
      setServer(form);
      queryClient.setQueryData(formQuery(tenant, applicationId, stage).queryKey, form);
    },
    [queryClient, tenant, applicationId, stage],
  );

  /** Saves the draft as it is now; a save already under way finishes first (one at a time, in order). */
  const save = useCallback(
    async (submit: boolean): Promise<ScoreForm> => {
      while (inFlight.current) await inFlight.current.catch(() => undefined);
      const snapshot = draftRef.current;
      const snapshotKey = draftKey(order, snapshot);
      const request = saveForm(tenant, applicationId, saveBody(order, snapshot, stage, versionRef.current, submit));
      inFlight.current = request;
      setSaving(true);
      try {
        const form = await request;
        accept(form);
        setSavedKey(snapshotKey);
        setSavedAt(new Date());
        setError(null);
        if (submit || form.status === "submitted") {
          void queryClient.invalidateQueries({ queryKey: scoringKey(tenant, applicationId) });
          void queryClient.invalidateQueries({ queryKey: todoKey(tenant) });
        }
        return form;
      } catch (failure) {
        if (hasCode(failure, "stale_version")) {
          const current = formFromConflict(failure.current);
          if (current) setStale({ current, submit });
          else setError({ key: snapshotKey, message: errorText(failure, i18n.language) });
        } else {
          setError({ key: snapshotKey, message: errorText(failure, i18n.language) });
        }
        throw failure;
      } finally {
        inFlight.current = null;
        setSaving(false);
      }
    },
    [order, tenant, applicationId, stage, accept, queryClient, i18n.language],
  );

  // Autosave: 2 s after the last change, unless the form is locked, invalid, waiting for a stale-save choice,
  // or this very draft already failed (a new change, or "retry", tries again).
  const blocked = !server.editable || proposing || stale !== null || summary.problemCount > 0 || error?.key === key;
  useEffect(() => {
    if (!dirty || blocked || saving) return;
    const timer = setTimeout(() => void save(false).catch(() => undefined), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, blocked, saving, save]);

  /** Keep my values: save them over the version the other tab saved. */
  const keepMine = useCallback(async () => {
    if (!stale) return;
    versionRef.current = stale.current.version;
    setServer(stale.current);
    setStale(null);
    await save(stale.submit);
  }, [stale, save]);

  /** Take the saved values: the draft becomes the other tab's form. */
  const takeTheirs = useCallback(() => {
    if (!stale) return;
    const theirs = draftFromForm(stale.current);
    draftRef.current = theirs;
    setDraftState(theirs);
    setSavedKey(draftKey(order, theirs));
    accept(stale.current);
    setError(null);
    setStale(null);
  }, [stale, order, accept]);

  /** A submitted form whose stage has closed: its reviewer may propose new scores for a second reviewer to approve. */
  const canPropose = !server.editable && server.status === "submitted" && server.version > 0;

  const restore = useCallback(() => {
    const saved = draftFromForm(server);
    draftRef.current = saved;
    setDraftState(saved);
    setSavedKey(draftKey(order, saved));
  }, [server, order]);

  const startProposal = useCallback(() => setProposing(true), []);
  const cancelProposal = useCallback(() => {
    setProposing(false);
    restore();
  }, [restore]);

  /** Sends the edited form as a proposed change with its reason; the form itself stays as it was until approved. */
  const propose = useCallback(
    async (reason: string) => {
      const body = saveBody(order, draftRef.current, stage, server.version, false);
      await proposeScoreChange(tenant, applicationId, {
        stage,
        version: server.version,
        items: body.items,
        vetoFindings: body.vetoFindings,
        reason,
      });
      setProposing(false);
      restore();
      void queryClient.invalidateQueries({ queryKey: scoringKey(tenant, applicationId) });
    },
    [order, stage, server.version, tenant, applicationId, restore, queryClient],
  );

  return {
    order,
    proposing,
    canPropose,
    startProposal,
    cancelProposal,
    propose,
    draft,
    summary,
    server,
    editable,
    dirty,
    saving,
    savedAt,
    error: error?.message ?? null,
    failed: error !== null && error.key === key,
    stale,
    setItem,
    setFindings,
    save,
    keepMine,
    takeTheirs,
  };
}

export type ScoreDraft = ReturnType<typeof useScoreDraft>;
