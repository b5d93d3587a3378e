import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Cascader } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Place, registrationOptionsQuery } from "../../api/registration.ts";

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const toOption = (place: Place): Option => ({ value: place.id, label: place.name, isLeaf: place.level === "county" });

interface Props {
  slug: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
}

/** City → county, a level at a time from the public options; a unit may stop at the city. */
export function PlaceCascader({ slug, onChange }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const top = useQuery(registrationOptionsQuery(slug));
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    if (top.data) setOptions(top.data.places.map(toOption));
  }, [top.data]);

  const loadData = async (path: Option[]) => {
    const target = path[path.length - 1];
    if (!target) return;
    const children = await queryClient.fetchQuery(registrationOptionsQuery(slug, target.value));
    target.children = children.places.map(toOption);
    if (target.children.length === 0) target.isLeaf = true;
    setOptions((previous) => [...previous]);
  };

  return (
    <Cascader<Option>
      options={options}
      loadData={(path) => void loadData(path)}
      changeOnSelect
      loading={top.isPending}
      placeholder={t("register.placePlaceholder")}
      onChange={(path) => onChange?.(path ? String(path[path.length - 1]) : undefined)}
      data-testid="register-place"
    />
  );
}
