import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { registrationOptionsQuery } from "../../api/registration.ts";
import { LazyCascader } from "../LazyCascader.tsx";

interface Props {
  slug: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
}

/** City → county, a level at a time from the public options (cached with the form's); a unit may stop at the city. */
export function PlaceCascader({ slug, value, onChange }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const load = async (parent?: string) =>
    (await queryClient.fetchQuery(registrationOptionsQuery(slug, parent))).places.map((place) => ({
      value: place.id,
      label: place.name,
      isLeaf: place.level === "county",
    }));
  return (
    <LazyCascader
      load={load}
      source={slug}
      value={value}
      onChange={onChange}
      placeholder={t("register.placePlaceholder")}
      testId="register-place"
    />
  );
}
