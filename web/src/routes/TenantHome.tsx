import { Col, Row } from "antd";
import { JurisdictionTree } from "../components/JurisdictionTree.tsx";
import { TodoCard } from "../components/todo/TodoCard.tsx";
import { StaffHome } from "./StaffHome.tsx";
import { UnitsBrowser } from "./UnitsBrowser.tsx";
import { useMembership } from "./use-membership.ts";

/** `/t/$tenant`: what a member sees first depends on their role; what waits for them comes first. */
export function TenantHome() {
  const { tenant, membership } = useMembership();
  if (!membership) return null; // TenantLayout already explains.
  if (membership.role === "unit_staff") return <StaffHome tenant={tenant} unitId={membership.unit?.id} />;
  const scope = membership.jurisdiction;
  const units = (
    <UnitsBrowser
      tenant={tenant}
      scope={scope}
      canImport={membership.role === "reviewer" || membership.role === "tenant_admin"}
    />
  );
  const todo = <TodoCard tenant={tenant} />;
  if (!scope)
    return (
      <>
        {todo}
        {units}
      </>
    );
  return (
    <>
      {todo}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6}>
          <JurisdictionTree tenant={tenant} scope={scope} />
        </Col>
        <Col xs={24} lg={18}>
          {units}
        </Col>
      </Row>
    </>
  );
}
