import { Button, Popconfirm, Space, Tooltip } from "antd";
import { useTranslation } from "react-i18next";

interface Props {
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
  /** What is deleted, for the confirmation ("this section", "this item"). */
  deleteQuestion: string;
  testId: string;
}

/** Up, down and delete (confirmed) for one entry of an ordered list. */
export function OrderButtons({ index, count, onMove, onDelete, deleteQuestion, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tooltip title={t("program.moveUp")}>
        <Button
          size="small"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={t("program.moveUp")}
          data-testid={`${testId}-up`}
        >
          ↑
        </Button>
      </Tooltip>
      <Tooltip title={t("program.moveDown")}>
        <Button
          size="small"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={t("program.moveDown")}
          data-testid={`${testId}-down`}
        >
          ↓
        </Button>
      </Tooltip>
      <Popconfirm
        title={deleteQuestion}
        okText={t("common.delete")}
        cancelText={t("common.cancel")}
        okButtonProps={{ danger: true }}
        onConfirm={onDelete}
      >
        <Button size="small" danger data-testid={`${testId}-delete`}>
          {t("common.delete")}
        </Button>
      </Popconfirm>
    </Space>
  );
}
