import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Form, Input, Switch } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { errorText, hasCode } from "../../api/errors.ts";
import { type Settings, type SettingsInput, saveSettings, settingsKey } from "../../api/settings.ts";
import { NumberInput } from "../NumberInput.tsx";
import { useFieldHelp } from "../people/use-field-help.ts";

interface Values {
  displayName?: string;
  noticeDays: number;
  noticeWorkingDays: boolean;
  holidays: Dayjs[];
  termYears: number;
}

const FIELDS = ["displayName", "noticeDays", "noticeWorkingDays", "holidays", "termYears"] as const;

function toValues(settings: Settings): Values {
  return {
    displayName: settings.displayName ?? "",
    noticeDays: settings.noticeDays,
    noticeWorkingDays: settings.noticeWorkingDays,
    holidays: settings.holidays.map((day) => dayjs(day)),
    termYears: settings.termYears,
  };
}

/** The office's rules, saved at the version loaded; a concurrent change reloads and says so. */
export function SettingsForm({ tenant, settings }: { tenant: string; settings: Settings }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const workingDays = Form.useWatch("noticeWorkingDays", form);
  const save = useMutation({
    mutationFn: (input: SettingsInput) => saveSettings(tenant, input),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey(tenant), saved);
      void message.success(t("settings.saved"));
    },
    onError: (error) => {
      if (hasCode(error, "stale_version")) void queryClient.invalidateQueries({ queryKey: settingsKey(tenant) });
    },
  });
  const { help, unplaced } = useFieldHelp(save.error, FIELDS);

  // A (re)loaded version replaces what the form shows.
  useEffect(() => {
    form.setFieldsValue(toValues(settings));
  }, [settings, form]);

  const submit = (values: Values) => {
    const displayName = values.displayName?.trim();
    save.mutate({
      displayName: displayName ? displayName : null,
      noticeDays: values.noticeDays,
      noticeWorkingDays: values.noticeWorkingDays,
      holidays: [...new Set(values.holidays.map((day) => day.format("YYYY-MM-DD")))].sort(),
      termYears: values.termYears,
      version: settings.version,
    });
  };

  const stale = hasCode(save.error, "stale_version");
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={toValues(settings)}
      onFinish={submit}
      disabled={save.isPending}
      style={{ maxWidth: 560 }}
    >
      {unplaced ? (
        <Alert
          type={stale ? "warning" : "error"}
          showIcon
          title={stale ? t("settings.stale") : errorText(save.error, i18n.language)}
          style={{ marginBottom: 16 }}
          data-testid="settings-error"
        />
      ) : null}
      <Form.Item
        label={t("settings.displayName")}
        name="displayName"
        extra={t("settings.displayNameHint", { name: settings.name })}
        rules={[{ min: 2, max: 60, message: t("settings.displayNameRule") }]}
        {...help("displayName")}
      >
        <Input maxLength={60} placeholder={settings.name} data-testid="settings-display-name" />
      </Form.Item>
      <Form.Item
        label={t("settings.noticeDays")}
        name="noticeDays"
        rules={[{ required: true, type: "integer", min: 1, max: 30, message: t("settings.noticeDaysRule") }]}
        {...help("noticeDays")}
      >
        <NumberInput min={1} max={30} precision={0} suffix={t("settings.days")} data-testid="settings-notice-days" />
      </Form.Item>
      <Form.Item
        label={t("settings.workingDays")}
        name="noticeWorkingDays"
        valuePropName="checked"
        extra={t("settings.workingDaysHint")}
      >
        <Switch data-testid="settings-working-days" />
      </Form.Item>
      <Form.Item
        label={t("settings.holidays")}
        name="holidays"
        extra={workingDays ? t("settings.holidaysHint") : t("settings.holidaysUnused")}
        {...help("holidays")}
      >
        <DatePicker multiple maxTagCount="responsive" style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item
        label={t("settings.termYears")}
        name="termYears"
        rules={[{ required: true, type: "integer", min: 1, max: 5, message: t("settings.termYearsRule") }]}
        {...help("termYears")}
      >
        <NumberInput min={1} max={5} precision={0} suffix={t("settings.years")} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
        {t("common.save")}
      </Button>
    </Form>
  );
}
