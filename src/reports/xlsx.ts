// Excel exports (exceljs): one workbook shape for every report of the platform.
import ExcelJS from 'exceljs';

export interface Column {
  header: string;
  key: string;
  width: number;
}

export function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务 Zhengwu';
  return wb;
}

/** A sheet with a bold, frozen header row and one row per record. */
export function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return ws;
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
