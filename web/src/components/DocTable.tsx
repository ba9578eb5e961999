import { Table } from 'antd';
import type { DocTableData } from '../api';

/** A table printed in the gazette, with its caption; scrolls horizontally inside its own box. */
export function DocTable({ table }: { table: DocTableData }) {
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.length), 1);
  const columns = Array.from({ length: width }, (_, i) => ({
    key: String(i),
    dataIndex: String(i),
    title: table.header[i] ?? '',
    onCell: () => ({ style: { minWidth: 56 } }),
  }));
  const data = table.rows.map((row, r) => {
    const rec: Record<string, string> = { key: String(r) };
    row.forEach((cell, c) => (rec[String(c)] = cell));
    return rec;
  });
  return (
    <figure className="doc-table" id={`表${table.index + 1}`}>
      {table.caption && <figcaption className="doc-table-caption">{table.caption}</figcaption>}
      <Table
        size="small"
        bordered
        columns={columns}
        dataSource={data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        showHeader={table.header.length > 0}
        tableLayout="auto"
      />
    </figure>
  );
}
