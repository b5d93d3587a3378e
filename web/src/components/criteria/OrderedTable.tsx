import { Button, Table, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { move, removeAt } from "../program/draft.ts";
import { OrderButtons } from "../program/OrderButtons.tsx";

interface Props<T> {
  rows: T[];
  onChange: (rows: T[]) => void;
  /** The row's own fields; the move/delete column is added here. */
  columns: TableColumnsType<T>;
  newRow: () => T;
  addLabel: string;
  emptyText: string;
  deleteQuestion: string;
  /** The API's bound on the number of rows; the add button stops there. */
  max?: number;
  /** `-add` for the add button, `-item-up/-down/-delete` for each row's buttons. */
  testId: string;
}

/** An editable ordered list as a table: the caller's columns, then move up/down and delete (confirmed), and an add button. */
export function OrderedTable<T extends object>(props: Props<T>) {
  const { rows, onChange, columns, newRow, addLabel, emptyText, deleteQuestion, max, testId } = props;
  const { t } = useTranslation();
  const actions: TableColumnsType<T>[number] = {
    title: t("common.actions"),
    width: 150,
    render: (_, _row, i) => (
      <OrderButtons
        index={i}
        count={rows.length}
        onMove={(delta) => onChange(move(rows, i, delta))}
        onDelete={() => onChange(removeAt(rows, i))}
        deleteQuestion={deleteQuestion}
        testId={`${testId}-item`}
      />
    ),
  };
  return (
    <>
      <Table<T>
        // Rows are keyed by place: their codes, the only other candidate, are being edited.
        rowKey={(_, i) => String(i)}
        size="small"
        columns={[...columns, actions]}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText }}
      />
      <Button
        size="small"
        type="dashed"
        style={{ marginTop: 8 }}
        disabled={max !== undefined && rows.length >= max}
        onClick={() => onChange([...rows, newRow()])}
        data-testid={`${testId}-add`}
      >
        {addLabel}
      </Button>
    </>
  );
}
