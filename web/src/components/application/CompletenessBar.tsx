import { Progress, Space, Typography } from "antd";

/** complete/required, with a bar. */
export function CompletenessBar({ complete, required }: { complete: number; required: number }) {
  const percent = required === 0 ? 100 : Math.round((complete / required) * 100);
  return (
    <Space size={8} style={{ width: "100%" }} data-testid="completeness">
      <Progress percent={percent} size="small" showInfo={false} style={{ width: 120, margin: 0 }} />
      <Typography.Text data-testid="completeness-text">{`${complete}/${required}`}</Typography.Text>
    </Space>
  );
}
