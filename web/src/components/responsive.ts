import type { DescriptionsProps } from "antd";
import { Grid } from "antd";

/**
 * Below antd's `md` breakpoint (768 px): phones, WeChat's built-in browser. The shell folds its bar and the
 * office's screens into a menu there, and tables scroll sideways inside their card (see AppShell).
 * Before antd has measured the screen this says "not a phone", so a desktop never flashes the phone layout;
 * antd measures in a layout effect, so a phone does not paint the desktop bar either.
 */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

/** Columns of a description panel: one stacked column on a phone, two on a tablet, up to four on a desktop. */
export const DESCRIPTION_COLUMNS: DescriptionsProps["column"] = { xs: 1, sm: 2, lg: 4 };
