import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { type CriteriaContent, createCriteria, criteriaKey } from "../../api/criteria.ts";
import { blankItem } from "./blank.ts";

/** Creates a one-item system to edit from there (the API refuses an empty one). */
export function NewCriteriaButton({ tenant }: { tenant: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => {
      const item = blankItem("A1.1");
      const content: CriteriaContent = {
        name: t("criteria.untitled"),
        version: 1,
        maxTotal: item.maxPoints,
        categories: [{ code: "A1", title: t("criteria.categoryTitle"), items: [item] }],
      };
      return createCriteria(tenant, content);
    },
    onSuccess: (system) => {
      void queryClient.invalidateQueries({ queryKey: criteriaKey(tenant) });
      void navigate({ to: "/t/$tenant/criteria/$criteriaId", params: { tenant, criteriaId: system.id } });
    },
  });
  return (
    <Button type="primary" loading={create.isPending} onClick={() => create.mutate()} data-testid="criteria-new">
      {t("criteria.new")}
    </Button>
  );
}
