import { InputNumber, type InputNumberProps } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

type NumberInputRef = HTMLInputElement & { nativeElement: HTMLElement };

/**
 * antd's InputNumber with its step arrows named in the UI's language. The UI kit names them "Increase Value" and
 * "Decrease Value" whatever the locale, so a screen reader reads English to Chinese users. The arrows come and go
 * inside the kit (a form turning disabled drops them) without this component rendering, so it watches for them;
 * React leaves the names alone afterwards, since its own value never changes.
 */
export function NumberInput<T extends string | number = number>(props: InputNumberProps<T>) {
  const { t } = useTranslation();
  const input = useRef<NumberInputRef>(null);
  useEffect(() => {
    const root = input.current?.nativeElement;
    if (!root) return;
    const name = () => {
      root.querySelector(".ant-input-number-action-up")?.setAttribute("aria-label", t("common.increase"));
      root.querySelector(".ant-input-number-action-down")?.setAttribute("aria-label", t("common.decrease"));
    };
    name();
    const arrows = new MutationObserver(name);
    arrows.observe(root, { childList: true, subtree: true });
    return () => arrows.disconnect();
  }, [t]);
  return <InputNumber<T> ref={input} {...props} />;
}
