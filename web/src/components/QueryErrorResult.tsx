import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../api/client.ts";

interface Props {
  error: Error;
  onRetry?: () => void;
}

/** A failed load, with the API's own message in the UI language. */
export function QueryErrorResult({ error, onRetry }: Props) {
  const { t, i18n } = useTranslation();
  const message = error instanceof ApiFailure ? error.localized(i18n.language) : error.message;
  return (
    <Result
      status="error"
      title={t("common.error")}
      subTitle={<span data-testid="error-message">{message}</span>}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : null
      }
    />
  );
}
