import { AutoComplete, Form, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { MANAGED_ROLES, type ManagedRole } from "../../api/people-search.ts";
import { ScopeCascader } from "../ScopeCascader.tsx";

const DEPARTMENTS = ["纪检监察", "宣传", "组织", "政法", "统战", "工会", "共青团", "妇联"];

interface Props {
  tenant: string;
  role: ManagedRole | undefined;
  /** The scope as it is now (editing), shown until another node is picked. */
  currentScope?: string | undefined;
  /** Editing keeps the current scope unless another is picked; creating must pick one. */
  scopeRequired: boolean;
  serverHelp: (field: "role" | "jurisdictionId" | "department") => object;
}

/** Role, scope node and department: the part of a person a tenant admin decides. */
export function RoleScopeFields({ tenant, role, currentScope, scopeRequired, serverHelp }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item label={t("people.role")} name="role" rules={[{ required: true }]} {...serverHelp("role")}>
        <Radio.Group
          optionType="button"
          options={MANAGED_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          data-testid="person-role"
        />
      </Form.Item>
      {role === "tenant_admin" ? null : (
        <Form.Item
          label={t("people.scope")}
          name="jurisdictionId"
          extra={t("people.scopeHint")}
          rules={scopeRequired ? [{ required: true, message: t("people.scopeRequired") }] : []}
          {...serverHelp("jurisdictionId")}
        >
          <ScopeCascader tenant={tenant} placeholder={currentScope} testId="person-scope" />
        </Form.Item>
      )}
      {role === "department" ? (
        <Form.Item
          label={t("people.department")}
          name="department"
          rules={[{ required: true, whitespace: true, min: 2, max: 30, message: t("people.departmentRequired") }]}
          {...serverHelp("department")}
        >
          <AutoComplete
            options={DEPARTMENTS.map((value) => ({ value }))}
            placeholder="纪检监察"
            data-testid="person-department"
          />
        </Form.Item>
      ) : null}
    </>
  );
}
