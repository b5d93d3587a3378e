import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Col, Form, Input, Modal, Row, Select, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { criteriaListQuery } from "../../api/criteria.ts";
import { errorText } from "../../api/errors.ts";
import { createRound, ROUND_KINDS, ROUND_LEVELS, type Round, roundsKey, updateRound } from "../../api/rounds.ts";
import { settingsQuery } from "../../api/settings.ts";
import { beijingYear } from "../../format/time.ts";
import { ProblemList } from "../criteria/ProblemList.tsx";
import { NumberInput } from "../NumberInput.tsx";
import { RoundSettingsFields } from "./RoundSettingsFields.tsx";
import { blankRoundValues, inputOf, type RoundFormValues, valuesOf } from "./round-values.ts";

interface Props {
  tenant: string;
  open: boolean;
  /** The round to edit (draft only); none to create one. */
  round?: Round;
  onClose: () => void;
  onSaved: (round: Round) => void;
}

/** Creates a round, or edits one while it is in draft. */
export function RoundFormModal({ tenant, open, round, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<RoundFormValues>();
  const queryClient = useQueryClient();
  const systems = useQuery({ ...criteriaListQuery(tenant), enabled: open });
  // A new round's notice length starts as the office's own (设置 → 公示天数).
  const office = useQuery({ ...settingsQuery(tenant), enabled: open && !round });
  const save = useMutation({
    mutationFn: (values: RoundFormValues) => {
      const input = inputOf(values);
      if (!round) return createRound(tenant, input);
      const { criteriaSystemId: _, ...rest } = input;
      return updateRound(tenant, round, rest);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: roundsKey(tenant) });
      onSaved(saved);
    },
  });
  return (
    <Modal
      open={open}
      width={960}
      title={round ? t("rounds.editTitle") : t("rounds.newTitle")}
      okText={round ? t("common.save") : t("rounds.create")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: save.isPending, "data-testid": "round-submit" }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {/* A new round waits for the office's settings (a failed read falls back to the defaults). */}
      {!round && office.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Form<RoundFormValues>
          form={form}
          layout="vertical"
          initialValues={round ? valuesOf(round) : blankRoundValues(beijingYear(), office.data)}
          onFinish={(values) => save.mutate(values)}
        >
          <Form.Item name="title" label={t("rounds.title")} rules={[{ required: true, min: 2, max: 120 }]}>
            <Input data-testid="round-title" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="level" label={t("rounds.level")} rules={[{ required: true }]}>
                <Select options={ROUND_LEVELS.map((l) => ({ value: l, label: t(`roundLevel.${l}`) }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="kind" label={t("rounds.kind")} rules={[{ required: true }]}>
                <Select options={ROUND_KINDS.map((k) => ({ value: k, label: t(`roundKind.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="year" label={t("rounds.year")} rules={[{ required: true }]}>
                <NumberInput min={2000} max={2100} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="criteriaSystemId" label={t("rounds.criteria")} rules={[{ required: true }]}>
                <Select
                  disabled={round !== undefined}
                  loading={systems.isPending}
                  options={(systems.data?.items ?? []).map((s) => ({
                    value: s.id,
                    label: `${s.name}（${t("criteria.versionN", { n: s.version })}）`,
                    title: s.name,
                  }))}
                  data-testid="round-criteria"
                />
              </Form.Item>
            </Col>
          </Row>
          <RoundSettingsFields tenant={tenant} />
        </Form>
      )}
      {save.error ? (
        <Alert
          type="error"
          showIcon
          title={errorText(save.error, i18n.language)}
          description={<ProblemList error={save.error} />}
        />
      ) : null}
    </Modal>
  );
}
