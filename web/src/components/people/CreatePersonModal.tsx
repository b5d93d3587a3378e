import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { type CreatePersonInput, createPerson, peopleKey } from "../../api/people.ts";
import type { ManagedRole } from "../../api/people-search.ts";
import { ActionFooter } from "../ActionFooter.tsx";
import { OneTimeLink } from "../OneTimeLink.tsx";
import { RoleScopeFields } from "./RoleScopeFields.tsx";
import { useFieldHelp } from "./use-field-help.ts";

interface Values {
  displayName: string;
  email: string;
  role: ManagedRole;
  jurisdictionId?: string;
  department?: string;
}

const FIELDS = ["displayName", "email", "role", "jurisdictionId", "department"] as const;

/** New reviewer, department account or tenant admin; afterwards their one-time link, shown once. */
export function CreatePersonModal({ tenant, open, onClose }: { tenant: string; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch("role", form);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: CreatePersonInput) => createPerson(tenant, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: peopleKey(tenant) }),
  });
  const { help, unplaced } = useFieldHelp(create.error, FIELDS);

  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };

  const submit = (values: Values) => {
    create.mutate({
      displayName: values.displayName.trim(),
      email: values.email.trim(),
      role: values.role,
      ...(values.role !== "tenant_admin" && values.jurisdictionId ? { jurisdictionId: values.jurisdictionId } : {}),
      ...(values.role === "department" && values.department ? { department: values.department.trim() } : {}),
    });
  };

  const done = create.data;
  return (
    <Modal
      open={open}
      title={t("people.createTitle")}
      onCancel={close}
      destroyOnHidden
      width={560}
      footer={
        <ActionFooter
          done={Boolean(done)}
          onClose={close}
          action={{
            label: t("people.create"),
            onClick: () => form.submit(),
            loading: create.isPending,
            testId: "create-person-submit",
          }}
          doneTestId="create-person-done"
        />
      }
    >
      {done ? (
        <OneTimeLink link={done.activationLink} forWhom={done.person.displayName} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ role: "reviewer" }}
          onFinish={submit}
          disabled={create.isPending}
        >
          {unplaced ? (
            <Alert type="error" showIcon title={errorText(create.error, i18n.language)} style={{ marginBottom: 16 }} />
          ) : null}
          <Form.Item
            label={t("people.displayName")}
            name="displayName"
            rules={[{ required: true, whitespace: true, max: 60, message: t("people.displayNameRequired") }]}
            {...help("displayName")}
          >
            <Input maxLength={60} data-testid="person-name" />
          </Form.Item>
          <Form.Item
            label={t("people.email")}
            name="email"
            rules={[
              { required: true, message: t("login.emailRequired") },
              { type: "email", message: t("login.emailInvalid") },
            ]}
            {...help("email")}
          >
            <Input type="email" data-testid="person-email" />
          </Form.Item>
          <RoleScopeFields tenant={tenant} role={role} scopeRequired serverHelp={help} />
        </Form>
      )}
    </Modal>
  );
}
