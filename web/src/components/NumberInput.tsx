import { InputNumber, type InputNumberProps } from "antd";
import { useEffect, useId } from "react";
import { useTranslation } from "react-i18next";

/**
 * antd's InputNumber with its step arrows named in the UI's language. The UI kit names them "Increase Value" and
 * "Decrease Value" whatever the locale, so a screen reader reads English to Chinese users. The arrows come and go
 * inside the kit (a form turning disabled drops them) without this component rendering, so it watches for them;
 * React leaves the names alone afterwards, since its own value never changes.
 */
export function NumberInput<T extends string | number = number>(props: InputNumberProps<T>) {
  const { t } = useTranslation();
  // The kit's ref hands out a proxy of the input, not its box: the box is found by a class of its own.
  const mark = `wm-number-${useId().replace(/[^\w-]/g, "")}`;
  useEffect(() => {
    const root = document.querySelector(`.${mark}`);
    if (!root) return;
    const name = () => {
      root.querySelector(".ant-input-number-action-up")?.setAttribute("aria-label", t("common.increase"));
      root.querySelector(".ant-input-number-action-down")?.setAttribute("aria-label", t("common.decrease"));
    };
    name();
    const arrows = new MutationObserver(name);
    arrows.observe(root, { childList: true, subtree: true });
    return () => arrows.disconnect();
  }, [t, mark]);
  return <InputNumber<T> {...props} className={props.className ? `${props.className} ${mark}` : mark} />;
}
