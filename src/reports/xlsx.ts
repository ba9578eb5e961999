// Excel exports (exceljs): one workbook shape for every report of the platform.
// exceljs is loaded on the first workbook, not at start: it takes about a third of a second to load,
// which every CLI command and the server's start would otherwise pay.
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

const require = createRequire(import.meta.url);
let excel: typeof ExcelJS | undefined;

export interface Column {
  header: string;
  key: string;
  width: number;
}

export function workbook(): ExcelJS.Workbook {
  excel ??= require('exceljs') as typeof ExcelJS;
  const wb = new excel.Workbook();
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

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A Content-Disposition that names a download in Chinese (with an ASCII fallback for old clients). */
export const attachment = (name: string, fallback = 'download') => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Sends a workbook as a download named in Chinese. */
export function sendWorkbook(reply: FastifyReply, buf: Buffer, name: string) {
  return reply.type(XLSX_MIME).header('content-disposition', attachment(name, 'report.xlsx')).send(buf);
}
