import { Alert, Space, Tag } from "antd";

interface Props {
  title: string;
  placeholders: readonly string[];
  testId: string;
  tagTestId: string;
}

/** Anonymised placeholders (xx县, 20xx年) the unit still has to fill, as tags under a warning. */
export function PlaceholderAlert({ title, placeholders, testId, tagTestId }: Props) {
  return (
    <Alert
      type="warning"
      showIcon
      title={title}
      description={
        <Space wrap size={[4, 4]}>
          {placeholders.map((p) => (
            <Tag key={p} color="orange" data-testid={tagTestId}>
              {p}
            </Tag>
          ))}
        </Space>
      }
      data-testid={testId}
    />
  );
}
