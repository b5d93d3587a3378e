import { Alert, Typography } from "antd";
import { useTranslation } from "react-i18next";

interface Props {
  link: string;
  /** Who the link is for, e.g. the new person's name. */
  forWhom?: string;
}

/** A one-time activation link: shown once, with a copy button, and what it can and cannot do. */
export function OneTimeLink({ link, forWhom }: Props) {
  const { t } = useTranslation();
  return (
    <Alert
      type="success"
      showIcon
      title={forWhom ? t("link.titleFor", { name: forWhom }) : t("link.title")}
      description={
        <>
          <Typography.Paragraph
            copyable={{ text: link, tooltips: [t("link.copy"), t("link.copied")] }}
            code
            style={{ wordBreak: "break-all", margin: "8px 0" }}
            data-testid="activation-link"
          >
            {link}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t("link.hint")}</Typography.Text>
        </>
      }
    />
  );
}
