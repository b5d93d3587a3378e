import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { adminTenantsQuery, type CreateTenantInput, createTenant } from "../../api/admin.ts";
import { errorText, fieldMessages } from "../../api/errors.ts";
import { keys } from "../../api/queries.ts";
import { ActionFooter } from "../ActionFooter.tsx";
import { OneTimeLink } from "../OneTimeLink.tsx";
import { DivisionCascader } from "./DivisionCascader.tsx";

interface Values {
  slug: string;
  name: string;
  rootCode: string;
  adminEmail?: string;
  adminName?: string;
}

const FIELDS = ["slug", "name", "rootCode", "adminEmail", "adminName"] as const;

/** Opens an office: its root jurisdiction, then the first admin's one-time link, shown here once. */
export function CreateTenantModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: CreateTenantInput) => createTenant(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminTenantsQuery().queryKey });
      void queryClient.invalidateQueries({ queryKey: keys.tenants });
    },
  });

  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };

  const submit = (values: Values) => {
    const adminEmail = values.adminEmail?.trim();
    const adminName = values.adminName?.trim();
    create.mutate({
      slug: values.slug.trim(),
      name: values.name.trim(),
      rootCode: values.rootCode,
      ...(adminEmail ? { adminEmail } : {}),
      ...(adminName ? { adminName } : {}),
    });
  };

  const fieldHelp = (name: (typeof FIELDS)[number]) => {
    const messages = fieldMessages(create.error, name, i18n.language);
    return messages.length > 0 ? { validateStatus: "error" as const, help: messages.join("；") } : {};
  };

  const done = create.data;
  return (
    <Modal
      open={open}
      title={t("platform.createTitle")}
      onCancel={close}
      destroyOnHidden
      footer={
        <ActionFooter
          done={Boolean(done)}
          onClose={close}
          action={{
            label: t("platform.create"),
            onClick: () => form.submit(),
            loading: create.isPending,
            testId: "create-tenant-submit",
          }}
          doneTestId="create-tenant-done"
        />
      }
    >
      {done ? (
        <OneTimeLink link={done.activationLink} forWhom={t("platform.firstAdmin", { slug: done.slug })} />
      ) : (
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={create.isPending}>
          {create.error && !FIELDS.some((f) => fieldMessages(create.error, f, i18n.language).length > 0) ? (
            <Alert type="error" showIcon title={errorText(create.error, i18n.language)} style={{ marginBottom: 16 }} />
          ) : null}
          <Form.Item
            label={t("platform.root")}
            name="rootCode"
            rules={[{ required: true, message: t("platform.rootRequired") }]}
            extra={t("platform.rootHint")}
            {...fieldHelp("rootCode")}
          >
            <DivisionCascader />
          </Form.Item>
          <Form.Item
            label={t("platform.name")}
            name="name"
            rules={[{ required: true, min: 2, max: 60, message: t("platform.nameRule") }]}
            {...fieldHelp("name")}
          >
            <Input placeholder="浙江省文明办" data-testid="tenant-name-input" />
          </Form.Item>
          <Form.Item
            label={t("platform.slug")}
            name="slug"
            rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, message: t("platform.slugRule") }]}
            extra={t("platform.slugHint")}
            {...fieldHelp("slug")}
          >
            <Input placeholder="zhejiang" data-testid="tenant-slug" />
          </Form.Item>
          <Form.Item
            label={t("platform.adminEmail")}
            name="adminEmail"
            rules={[{ type: "email", message: t("login.emailInvalid") }]}
            extra={t("platform.adminEmailHint")}
            {...fieldHelp("adminEmail")}
          >
            <Input type="email" data-testid="tenant-admin-email" />
          </Form.Item>
          <Form.Item label={t("platform.adminName")} name="adminName" {...fieldHelp("adminName")}>
            <Input maxLength={60} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
