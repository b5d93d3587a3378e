import { Empty, Table, type TableColumnsType } from "antd";
import type { ReactNode } from "react";
import { usePhone } from "./responsive.ts";

/** One page of a server-paged list, as every list endpoint answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

interface PagedTableProps<T> {
  columns: TableColumnsType<T>;
  data: Page<T> | undefined;
  loading: boolean;
  /** What an empty page says: differs between "nothing here" and "nothing matches the filters". */
  empty: ReactNode;
  totalLabel: (total: number) => string;
  onPage: (page: number) => void;
  scrollX: number;
  testId: string;
}

/** A server-paged antd table: its rows, an empty state once loaded, and paging only when there is something to page. */
export function PagedTable<T extends { id: string }>({
  columns,
  data,
  loading,
  empty,
  totalLabel,
  onPage,
  scrollX,
  testId,
}: PagedTableProps<T>) {
  const phone = usePhone();
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      // Many columns do not fit a phone: scroll sideways rather than squeeze text into one character per line.
      scroll={{ x: scrollX }}
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      data-testid={testId}
      locale={{ emptyText: loading ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      pagination={
        data && data.total > 0
          ? {
              current: data.page,
              pageSize: data.pageSize,
              total: data.total,
              showSizeChanger: false,
              // A phone has room for the total and a few page numbers on one line.
              size: phone ? "small" : undefined,
              showLessItems: phone,
              showTotal: totalLabel,
              onChange: onPage,
            }
          : false
      }
    />
  );
}
