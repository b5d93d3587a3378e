import { createLink } from "@tanstack/react-router";
import { Button, type ButtonProps } from "antd";
import { forwardRef } from "react";

/** antd's Button rendered as the router's anchor (a Button with an href is an `<a>`): no button inside a link. */
const AnchorButton = forwardRef<HTMLAnchorElement, ButtonProps & { href?: string }>((props, ref) => (
  <Button {...props} ref={ref as never} />
));

export const ButtonLink = createLink(AnchorButton);
