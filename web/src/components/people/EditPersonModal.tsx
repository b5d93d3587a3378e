import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Modal, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { errorText, hasCode } from "../../api/errors.ts";
import { type Person, type PersonChanges, peopleKey, updatePerson } from "../../api/people.ts";
import { isManagedRole, type ManagedRole } from "../../api/people-search.ts";
import { currentPerson } from "./current-person.ts";
import { RoleScopeFields } from "./RoleScopeFields.tsx";
import { useFieldHelp } from "./use-field-help.ts";

interface Values {
  role: ManagedRole;
  jurisdictionId?: string;
  department?: string;
}

const FIELDS = ["role", "jurisdictionId", "department"] as const;

interface Props {
  tenant: string;
  person: Person | null;
  /** After a conflict: edit the person as they are now. */
  onRebase: (person: Person) => void;
  onClose: () => void;
}

/** Change a person's role, scope or department, at the version the list showed. */
export function EditPersonModal({ tenant, person, onRebase, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch("role", form);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: ({ target, changes }: { target: Person; changes: PersonChanges }) =>
      updatePerson(tenant, target, changes),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: peopleKey(tenant) });
      onClose();
    },
    onError: (error) => {
      // Someone else changed this person meanwhile: say so, and start again from how they are now.
      if (!hasCode(error, "stale_version")) return;
      void queryClient.invalidateQueries({ queryKey: peopleKey(tenant) });
      const current = currentPerson(error);
      if (current) {
        void message.warning(t("people.staleReloaded"));
        onRebase(current);
      }
    },
  });
  const { help, unplaced } = useFieldHelp(save.error, FIELDS);

  const { reset } = save;
  useEffect(() => {
    reset();
    if (person && isManagedRole(person.role)) {
      form.setFieldsValue({ role: person.role, jurisdictionId: undefined, department: person.department ?? undefined });
    }
  }, [person, form, reset]);

  const submit = (values: Values) => {
    if (!person) return;
    save.mutate({
      target: person,
      changes: {
        role: values.role,
        ...(values.role !== "tenant_admin" && values.jurisdictionId ? { jurisdictionId: values.jurisdictionId } : {}),
        ...(values.role === "department" && values.department ? { department: values.department.trim() } : {}),
      },
    });
  };

  return (
    <Modal
      open={person !== null}
      title={t("people.editTitle", { name: person?.displayName ?? "" })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      width={560}
    >
      {person ? (
        <Typography.Paragraph type="secondary">
          {t("people.currentScope", { scope: person.jurisdiction?.name ?? t("common.none") })}
        </Typography.Paragraph>
      ) : null}
      {unplaced ? (
        <Alert
          type="error"
          showIcon
          title={errorText(save.error, i18n.language)}
          style={{ marginBottom: 16 }}
          data-testid="edit-person-error"
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={save.isPending}>
        {person ? (
          <RoleScopeFields
            tenant={tenant}
            role={role}
            currentScope={person.jurisdiction?.name}
            scopeRequired={false}
            serverHelp={help}
          />
        ) : null}
      </Form>
    </Modal>
  );
}
