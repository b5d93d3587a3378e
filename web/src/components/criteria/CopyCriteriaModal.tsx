import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Alert, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type CriteriaSystem, copyCriteria, criteriaKey } from "../../api/criteria.ts";
import { errorText } from "../../api/errors.ts";
import { NumberInput } from "../NumberInput.tsx";

interface Props {
  tenant: string;
  system: CriteriaSystem;
  open: boolean;
  onClose: () => void;
}

/** Copies a system under a new name and version (e.g. next year's); the copy is editable. */
export function CopyCriteriaModal({ tenant, system, open, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(system.name);
  const [version, setVersion] = useState(system.version + 1);
  const copy = useMutation({
    mutationFn: () => copyCriteria(tenant, system.id, name, version),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: criteriaKey(tenant) });
      onClose();
      void navigate({ to: "/t/$tenant/criteria/$criteriaId", params: { tenant, criteriaId: created.id } });
    },
  });
  return (
    <Modal
      open={open}
      title={t("criteria.copyTitle")}
      okText={t("criteria.copy")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: copy.isPending, disabled: name.trim().length < 2 }}
      onOk={() => copy.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t("criteria.name")} required>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} data-testid="copy-name" />
        </Form.Item>
        <Form.Item label={t("criteria.version")} required>
          <NumberInput min={1} max={1000} value={version} onChange={(v) => setVersion(v ?? 1)} />
        </Form.Item>
      </Form>
      {copy.error ? <Alert type="error" showIcon title={errorText(copy.error, i18n.language)} /> : null}
    </Modal>
  );
}
