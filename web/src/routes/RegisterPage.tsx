import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Card, Result, Skeleton, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { signIn } from "../api/auth.ts";
import { ApiFailure } from "../api/client.ts";
import { keys } from "../api/queries.ts";
import { publicTenantQuery, registrationOptionsQuery } from "../api/registration.ts";
import { AppHeader } from "../components/AppHeader.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { RegisterForm } from "../components/registration/RegisterForm.tsx";

const route = getRouteApi("/_app/t/$tenant/register");

/** Public: a unit registers itself with one office; it is signed in at once and waits for approval. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { tenant } = route.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const options = useQuery(registrationOptionsQuery(tenant));
  const notFound = options.error instanceof ApiFailure && options.error.status === 404;
  // Unknown and suspended offices both refuse registrations; the public profile tells them apart.
  const profile = useQuery({ ...publicTenantQuery(tenant), enabled: notFound, retry: false });

  const onRegistered = async (email: string, password: string) => {
    const me = await signIn({ email, password });
    queryClient.clear();
    queryClient.setQueryData(keys.me, me);
    await navigate({ to: "/t/$tenant", params: { tenant } });
  };

  let body: ReactNode;
  if (options.isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (options.isError) {
    body = notFound ? (
      <Result
        status={profile.data?.status === "suspended" ? "warning" : "404"}
        title={
          profile.data?.status === "suspended"
            ? t("register.suspended", { name: profile.data.name })
            : t("register.noTenant")
        }
        extra={<Link to="/">{t("common.backHome")}</Link>}
        data-testid="register-unavailable"
      />
    ) : (
      <QueryErrorResult error={options.error} onRetry={() => void options.refetch()} />
    );
  } else {
    body = (
      <>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="register-title">
          {t("register.title", { name: options.data.tenant.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("register.intro")}</Typography.Paragraph>
        <RegisterForm slug={tenant} options={options.data} onRegistered={onRegistered} />
        <div style={{ marginTop: 16, textAlign: "center" }}>
          {t("register.haveAccount")} <Link to="/login">{t("nav.signIn")}</Link>
        </div>
      </>
    );
  }

  return (
    <>
      <AppHeader anonymous />
      <main className="wm-page" style={{ maxWidth: 640 }}>
        <Card>{body}</Card>
      </main>
    </>
  );
}
