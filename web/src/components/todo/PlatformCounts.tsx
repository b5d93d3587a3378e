import { Card, Col, Row, Skeleton, Statistic } from "antd";
import { useTranslation } from "react-i18next";
import type { AdminTenant } from "../../api/admin.ts";

/** The platform's home at a glance, from the office list already loaded: offices in use and suspended. */
export function PlatformCounts({ items, loading }: { items: AdminTenant[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const tiles = [
    { key: "offices", value: items?.length },
    { key: "activeOffices", value: items?.filter((o) => o.status === "active").length },
    { key: "suspendedOffices", value: items?.filter((o) => o.status === "suspended").length },
    { key: "units", value: items?.reduce((n, o) => n + o.units, 0) },
    { key: "members", value: items?.reduce((n, o) => n + o.members, 0) },
  ] as const;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="platform-counts">
      {loading || !items ? (
        <Skeleton active title={false} paragraph={{ rows: 1 }} />
      ) : (
        <Row gutter={[16, 12]}>
          {tiles.map((tile) => (
            <Col key={tile.key} xs={12} sm={8} lg={4}>
              <Statistic title={t(`home.${tile.key}`)} value={tile.value} data-testid={`platform-${tile.key}`} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
