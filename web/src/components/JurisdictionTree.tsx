import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Skeleton, Tree, type TreeDataNode } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchJurisdictions, type JurisdictionNode } from "../api/jurisdictions.ts";
import { QueryErrorResult } from "./QueryErrorResult.tsx";

interface Props {
  tenant: string;
  scope: { id: string; name: string };
}

type Loaded = Record<string, JurisdictionNode[]>;

/** Tree nodes for some children, with any deeper level already loaded attached. */
function nodes(items: JurisdictionNode[], loaded: Loaded): TreeDataNode[] {
  return items.map((item) => {
    const below = loaded[item.id];
    return {
      key: item.id,
      title: item.name,
      isLeaf: item.level === "county" || below?.length === 0,
      ...(below ? { children: nodes(below, loaded) } : {}),
    };
  });
}

/** The jurisdictions under the member's scope node: its first level at once, deeper levels on demand. */
export function JurisdictionTree({ tenant, scope }: Props) {
  const { t } = useTranslation();
  const first = useQuery({
    queryKey: ["t", tenant, "jurisdictions", scope.id],
    queryFn: () => fetchJurisdictions(tenant, scope.id),
    staleTime: 5 * 60_000,
  });
  const [loaded, setLoaded] = useState<Loaded>({});

  const loadData = async (node: TreeDataNode) => {
    const id = String(node.key);
    if (id === scope.id || loaded[id]) return;
    const children = await fetchJurisdictions(tenant, id);
    setLoaded((current) => ({ ...current, [id]: children.items }));
  };

  let body: ReactNode;
  if (first.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (first.isError) body = <QueryErrorResult error={first.error} onRetry={() => void first.refetch()} />;
  else if (first.data.items.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("scope.noChildren", { name: scope.name })} />;
  } else {
    const treeData: TreeDataNode[] = [{ key: scope.id, title: scope.name, children: nodes(first.data.items, loaded) }];
    body = (
      <Tree treeData={treeData} loadData={loadData} defaultExpandedKeys={[scope.id]} showLine selectable={false} />
    );
  }

  return (
    <Card title={t("scope.treeTitle")} size="small" data-testid="jurisdiction-tree">
      {body}
    </Card>
  );
}
