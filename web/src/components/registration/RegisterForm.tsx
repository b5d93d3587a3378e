import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Divider, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { errorText, fieldMessages } from "../../api/errors.ts";
import { type RegistrationInput, type RegistrationOptions, registerUnit } from "../../api/registration.ts";
import { PasswordFields } from "../account/PasswordFields.tsx";
import { useFieldHelp } from "../people/use-field-help.ts";
import { CREDIT_CODE_LENGTH, creditCodeShapeOk } from "./credit-code-hint.ts";
import { PlaceCascader } from "./PlaceCascader.tsx";

interface Values {
  unit: RegistrationInput["unit"];
  account: RegistrationInput["account"];
  confirm: string;
}

const FIELDS = [
  "unit.name",
  "unit.creditCode",
  "unit.jurisdictionId",
  "unit.sectorId",
  "unit.kindId",
  "unit.contactName",
  "unit.contactPhone",
  "account.email",
  "account.displayName",
  "account.password",
] as const;

interface Props {
  slug: string;
  options: RegistrationOptions;
  onRegistered: (email: string, password: string) => Promise<void>;
}

/** The public registration form: the unit, then its first staff account. */
export function RegisterForm({ slug, options, onRegistered }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const register = useMutation({
    mutationFn: (values: Values) =>
      registerUnit(slug, {
        unit: { ...values.unit, creditCode: values.unit.creditCode.trim().toUpperCase() },
        account: { ...values.account, email: values.account.email.trim() },
      }),
    onSuccess: (_, values) => onRegistered(values.account.email.trim(), values.account.password),
  });
  const { help, unplaced } = useFieldHelp(register.error, FIELDS);
  const required = (message: string) => [{ required: true, message }];
  const refs = (items: { id: string; name: string }[]) => items.map((item) => ({ value: item.id, label: item.name }));

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={register.isPending}
      onFinish={(values) => register.mutate(values)}
    >
      {unplaced ? (
        <Alert
          type="error"
          showIcon
          title={errorText(register.error, i18n.language)}
          style={{ marginBottom: 16 }}
          data-testid="register-error"
        />
      ) : null}
      <Divider titlePlacement="start">{t("register.unitPart")}</Divider>
      <Form.Item
        label={t("unit.name")}
        name={["unit", "name"]}
        rules={required(t("register.nameRequired"))}
        {...help("unit.name")}
      >
        <Input maxLength={100} data-testid="register-name" />
      </Form.Item>
      <Form.Item
        label={t("unit.creditCode")}
        name={["unit", "creditCode"]}
        extra={t("register.creditCodeHint")}
        rules={[
          { required: true, message: t("register.creditCodeRequired") },
          {
            validator: (_, value: string | undefined) =>
              !value || creditCodeShapeOk(value)
                ? Promise.resolve()
                : Promise.reject(new Error(t("register.creditCodeShape", { length: CREDIT_CODE_LENGTH }))),
          },
        ]}
        {...help("unit.creditCode")}
      >
        <Input
          maxLength={CREDIT_CODE_LENGTH}
          style={{ textTransform: "uppercase" }}
          data-testid="register-credit-code"
        />
      </Form.Item>
      <Form.Item
        label={t("register.place")}
        name={["unit", "jurisdictionId"]}
        extra={t("register.placeHint", { root: options.root.name })}
        rules={required(t("register.placeRequired"))}
        {...help("unit.jurisdictionId")}
      >
        <PlaceCascader slug={slug} />
      </Form.Item>
      <Form.Item
        label={t("unit.sector")}
        name={["unit", "sectorId"]}
        rules={required(t("register.sectorRequired"))}
        {...help("unit.sectorId")}
      >
        <Select
          options={refs(options.sectors)}
          showSearch={{ optionFilterProp: "label" }}
          data-testid="register-sector"
        />
      </Form.Item>
      <Form.Item
        label={t("unit.kind")}
        name={["unit", "kindId"]}
        rules={required(t("register.kindRequired"))}
        {...help("unit.kindId")}
      >
        <Select options={refs(options.kinds)} showSearch={{ optionFilterProp: "label" }} data-testid="register-kind" />
      </Form.Item>
      <Form.Item
        label={t("unit.contactName")}
        name={["unit", "contactName"]}
        rules={required(t("register.contactRequired"))}
        {...help("unit.contactName")}
      >
        <Input maxLength={60} data-testid="register-contact-name" />
      </Form.Item>
      <Form.Item
        label={t("unit.contactPhone")}
        name={["unit", "contactPhone"]}
        rules={required(t("register.phoneRequired"))}
        {...help("unit.contactPhone")}
      >
        <Input maxLength={20} inputMode="tel" data-testid="register-contact-phone" />
      </Form.Item>
      <Divider titlePlacement="start">{t("register.accountPart")}</Divider>
      <Form.Item
        label={t("login.email")}
        name={["account", "email"]}
        rules={[
          { required: true, message: t("login.emailRequired") },
          { type: "email", message: t("login.emailInvalid") },
        ]}
        {...help("account.email")}
      >
        <Input type="email" autoComplete="username" data-testid="register-email" />
      </Form.Item>
      <Form.Item
        label={t("register.displayName")}
        name={["account", "displayName"]}
        rules={required(t("register.displayNameRequired"))}
        {...help("account.displayName")}
      >
        <Input maxLength={60} data-testid="register-display-name" />
      </Form.Item>
      <PasswordFields
        name={["account", "password"]}
        serverMessages={fieldMessages(register.error, "account.password", i18n.language)}
        testIdPrefix="register"
      />
      <Button type="primary" htmlType="submit" block loading={register.isPending} data-testid="register-submit">
        {t("register.submit")}
      </Button>
    </Form>
  );
}
