import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Application, applicationQuery, applicationsKey, saveItems } from "../../api/applications.ts";
import type { CriteriaItem, CriteriaSystem } from "../../api/criteria.ts";
import { errorText, hasCode } from "../../api/errors.ts";
import { useUnsavedGuard } from "../program/use-unsaved-guard.ts";
import { draftOf, type ItemDraft, inputOf, sameAsStored } from "./item-draft.ts";

/**
 * The application's edits, held for the whole page by item code (so switching category keeps them), and the one
 * save that sends only what differs from what is stored. A 409 keeps every edit and offers to reload the
 * application under them; leaving with unsaved edits asks first.
 */
export function useApplicationDraft(tenant: string, app: Application, system: CriteriaSystem) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<ReadonlyMap<string, ItemDraft>>(new Map());
  const [saving, setSaving] = useState(false);
  const entries = useMemo(() => new Map(app.items.map((i) => [i.itemCode, i])), [app.items]);
  const criteriaItems = useMemo(
    () =>
      new Map<string, CriteriaItem>(
        [...system.categories.flatMap((c) => c.items), ...system.bonusItems, ...system.deductionItems].map((i) => [
          i.code,
          i,
        ]),
      ),
    [system],
  );
  const changed = [...edits].filter(([code, draft]) => {
    const entry = entries.get(code);
    return entry !== undefined && !sameAsStored(draft, entry);
  });
  useUnsavedGuard(changed.length > 0);

  const draftFor = (code: string): ItemDraft | undefined => {
    const entry = entries.get(code);
    return edits.get(code) ?? (entry ? draftOf(entry) : undefined);
  };
  const edit = (code: string, patch: Partial<ItemDraft>) => {
    const entry = entries.get(code);
    if (!entry) return;
    setEdits((prev) => new Map(prev).set(code, { ...(prev.get(code) ?? draftOf(entry)), ...patch }));
  };

  const key = applicationQuery(tenant, app.id).queryKey;
  const save = async () => {
    if (changed.length === 0) return;
    const sent = new Map(changed);
    const items = changed.map(([code, draft]) => inputOf(code, draft, criteriaItems.get(code)?.mode === "graded"));
    setSaving(true);
    try {
      const saved = await saveItems(tenant, app, items);
      queryClient.setQueryData(key, saved);
      void queryClient.invalidateQueries({ queryKey: [...applicationsKey(tenant), "round"] });
      // What was typed while the save ran stays a draft; what was sent is now stored.
      setEdits((prev) => new Map([...prev].filter(([code, draft]) => sent.get(code) !== draft)));
      void message.success(t("application.savedChanges", { n: items.length }));
    } catch (error) {
      if (hasCode(error, "stale_version")) {
        modal.confirm({
          title: t("application.conflictTitle"),
          content: t("application.conflictText", { n: items.length }),
          okText: t("application.reload"),
          cancelText: t("common.cancel"),
          onOk: () => queryClient.invalidateQueries({ queryKey: key }),
        });
      } else {
        void message.error(errorText(error, i18n.language));
      }
    } finally {
      setSaving(false);
    }
  };

  return {
    draftFor,
    edit,
    /** Codes of the items whose draft differs from what is stored. */
    changedCodes: new Set(changed.map(([code]) => code)),
    save,
    saving,
  };
}
