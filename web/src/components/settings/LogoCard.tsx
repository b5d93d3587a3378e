import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Space, Typography, Upload } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { LOGO_TYPES, MAX_LOGO_BYTES, type Settings, settingsKey, uploadLogo } from "../../api/settings.ts";

function isLogoType(type: string): boolean {
  return (LOGO_TYPES as readonly string[]).includes(type);
}

/** The office's logo: pick a PNG/JPEG/WebP up to 256 KB, preview it, then upload. */
export function LogoCard({ tenant, settings }: { tenant: string; settings: Settings }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (image: File) => uploadLogo(tenant, image),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey(tenant), saved);
      setFile(null);
      void message.success(t("settings.logoSaved"));
    },
  });

  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (picked: File) => {
    upload.reset();
    if (!isLogoType(picked.type)) setProblem(t("settings.logoType"));
    else if (picked.size > MAX_LOGO_BYTES) setProblem(t("settings.logoSize"));
    else {
      setProblem(null);
      setFile(picked);
    }
  };

  const shown = preview ?? settings.logoUrl;
  return (
    <Card title={t("settings.logo")}>
      <Space align="start" size="large" wrap>
        <div className="wm-logo-box">
          {shown ? (
            <img src={shown} alt={t("settings.logo")} data-testid="logo-preview" />
          ) : (
            <Typography.Text type="secondary">{t("settings.noLogo")}</Typography.Text>
          )}
        </div>
        <Space orientation="vertical">
          <Upload
            accept={LOGO_TYPES.join(",")}
            showUploadList={false}
            beforeUpload={(picked) => {
              choose(picked);
              return false;
            }}
          >
            <Button>{t("settings.logoPick")}</Button>
          </Upload>
          <Typography.Text type="secondary">{t("settings.logoHint")}</Typography.Text>
          {file ? (
            <Space>
              <Button
                type="primary"
                loading={upload.isPending}
                onClick={() => upload.mutate(file)}
                data-testid="logo-upload"
              >
                {t("settings.logoUpload")}
              </Button>
              <Button onClick={() => setFile(null)} disabled={upload.isPending}>
                {t("common.cancel")}
              </Button>
            </Space>
          ) : null}
          {problem ? <Alert type="error" showIcon title={problem} /> : null}
          {upload.error ? <Alert type="error" showIcon title={errorText(upload.error, i18n.language)} /> : null}
        </Space>
      </Space>
    </Card>
  );
}
