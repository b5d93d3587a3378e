import { useMutation, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type Credentials, signIn } from "../api/auth.ts";
import { ApiFailure } from "../api/client.ts";
import { keys } from "../api/queries.ts";
import { AppHeader } from "../components/AppHeader.tsx";
import { homeTarget } from "./home-target.ts";

const route = getRouteApi("/_app/login");

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const login = useMutation({
    mutationFn: (credentials: Credentials) => signIn(credentials),
    onSuccess: async (me) => {
      // Whatever was cached belonged to the previous session, if any.
      queryClient.clear();
      queryClient.setQueryData(keys.me, me);
      if (redirect) await navigate({ to: redirect });
      else await navigate(homeTarget(me));
    },
  });

  const failure =
    login.error instanceof ApiFailure ? login.error.localized(i18n.language) : login.error ? login.error.message : null;

  return (
    <>
      <AppHeader anonymous />
      <main className="wm-page" style={{ maxWidth: 440 }}>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t("login.title")}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t("login.subtitle")}</Typography.Paragraph>
          {failure ? (
            <Alert
              type="error"
              showIcon
              title={t("login.failed")}
              description={failure}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          ) : null}
          <Form<Credentials>
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => login.mutate({ email: values.email.trim(), password: values.password })}
            disabled={login.isPending}
          >
            <Form.Item
              label={t("login.email")}
              name="email"
              rules={[
                { required: true, message: t("login.emailRequired") },
                { type: "email", message: t("login.emailInvalid") },
              ]}
            >
              <Input type="email" autoComplete="username" autoFocus data-testid="login-email" />
            </Form.Item>
            <Form.Item
              label={t("login.password")}
              name="password"
              rules={[{ required: true, message: t("login.passwordRequired") }]}
            >
              <Input.Password autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t("login.submit")}
            </Button>
          </Form>
          <div style={{ marginTop: 16, textAlign: "center" }}>
            <Link to="/">{t("login.backHome")}</Link>
          </div>
        </Card>
      </main>
    </>
  );
}
