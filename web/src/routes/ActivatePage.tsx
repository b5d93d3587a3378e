import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Card, Result, Skeleton, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { activate, inspectActivation } from "../api/account.ts";
import { signIn } from "../api/auth.ts";
import { errorText } from "../api/errors.ts";
import { keys } from "../api/queries.ts";
import { AppHeader } from "../components/AppHeader.tsx";
import { ActivateForm, type ActivateValues } from "../components/account/ActivateForm.tsx";
import { tokenFromHash } from "./activation-token.ts";
import { homeTarget } from "./home-target.ts";

/** `/activate#token=…`: a one-time link sets the password (and email), then signs in and goes home. */
export function ActivatePage() {
  const { t, i18n } = useTranslation();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const info = useQuery({
    queryKey: ["activation", token],
    queryFn: () => inspectActivation(token ?? ""),
    enabled: token !== null,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const submit = useMutation({
    mutationFn: async (values: ActivateValues) => {
      if (!token) throw new Error("no token");
      const email = values.email?.trim();
      const displayName = values.displayName?.trim();
      const done = await activate({
        token,
        password: values.password,
        ...(email ? { email } : {}),
        ...(displayName ? { displayName } : {}),
      });
      // The link is spent now: if signing in fails, the login page is the way on, not this form.
      return signIn({ email: done.email, password: values.password }).catch(() => null);
    },
    onSuccess: async (me) => {
      if (!me) {
        await navigate({ to: "/login" });
        return;
      }
      queryClient.clear();
      queryClient.setQueryData(keys.me, me);
      await navigate(homeTarget(me));
    },
  });

  let body: ReactNode;
  if (token === null) {
    body = <Result status="warning" title={t("activate.noToken")} subTitle={t("activate.noTokenHint")} />;
  } else if (info.isPending) {
    body = <Skeleton active paragraph={{ rows: 5 }} />;
  } else if (info.isError) {
    body = (
      <Result
        status="error"
        title={t("activate.invalid")}
        subTitle={<span data-testid="error-message">{errorText(info.error, i18n.language)}</span>}
        extra={<Link to="/login">{t("activate.toLogin")}</Link>}
      />
    );
  } else {
    body = (
      <>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {info.data.purpose === "reset" ? t("activate.titleReset") : t("activate.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary" data-testid="activate-for">
          {info.data.tenantName
            ? t("activate.forTenant", { name: info.data.displayName, tenant: info.data.tenantName })
            : t("activate.for", { name: info.data.displayName })}
        </Typography.Paragraph>
        <ActivateForm
          info={info.data}
          busy={submit.isPending}
          error={submit.error}
          onSubmit={(values) => submit.mutate(values)}
        />
      </>
    );
  }

  return (
    <>
      <AppHeader anonymous />
      <main className="wm-page" style={{ maxWidth: 480 }}>
        <Card>{body}</Card>
      </main>
    </>
  );
}
