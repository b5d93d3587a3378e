import { InputNumber, type InputNumberProps } from "antd";
import { useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

type NumberInputRef = HTMLInputElement & { nativeElement: HTMLElement };

/**
 * antd's InputNumber with its step arrows named in the UI's language. The UI kit names them "Increase Value" and
 * "Decrease Value" whatever the locale, so a screen reader reads English to Chinese users. React sets those names
 * once when the arrows mount and leaves them, so renaming them after each render holds.
 */
export function NumberInput<T extends string | number = number>(props: InputNumberProps<T>) {
  const { t } = useTranslation();
  const input = useRef<NumberInputRef>(null);
  useLayoutEffect(() => {
    const root = input.current?.nativeElement;
    root?.querySelector(".ant-input-number-action-up")?.setAttribute("aria-label", t("common.increase"));
    root?.querySelector(".ant-input-number-action-down")?.setAttribute("aria-label", t("common.decrease"));
  });
  return <InputNumber<T> ref={input} {...props} />;
}
