// Certificates and forms as PDF (pdfkit), in a bundled CJK font (Noto Sans SC,
// SIL OFL, from the @embedpdf/fonts-sc package) so no system font is needed.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package exports only its JS entry; the fonts sit beside it.
const FONT = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
const FONT_BOLD = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Bold.otf');

export interface CertificateContent {
  title: string;
  number: string;
  rows: [string, string][];
  notes: string[];
  basis: string[]; // citations the certificate rests on
  issuer: string;
  date: string;
  /** The line at the foot of the page (default: the certificate's). */
  footer?: string;
}

export async function renderCertificate(c: CertificateContent): Promise<Buffer> {
  // pdfkit is loaded on the first document, not at start: every command and server start would pay for it.
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: c.title, Author: c.issuer, Subject: c.number } });
    const chunks: Buffer[] = [];
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const { width, height } = doc.page;
    doc
      .lineWidth(2)
      .rect(36, 36, width - 72, height - 72)
      .stroke();
    doc
      .lineWidth(0.5)
      .rect(42, 42, width - 84, height - 84)
      .stroke();
    doc
      .font(FONT_BOLD)
      .fontSize(24)
      .text(c.title, 56, 80, { align: 'center', width: width - 112, characterSpacing: 4 });
    doc
      .font(FONT)
      .fontSize(11)
      .text(`编号：${c.number}`, 56, 125, { align: 'right', width: width - 112 });
    let y = 155;
    const labelW = 130;
    const valueW = width - 112 - labelW;
    for (const [label, value] of c.rows) {
      const h = Math.max(doc.heightOfString(value || '—', { width: valueW - 12 }), 14) + 12;
      doc
        .lineWidth(0.5)
        .rect(56, y, labelW, h)
        .stroke()
        .rect(56 + labelW, y, valueW, h)
        .stroke();
      doc
        .font(FONT_BOLD)
        .fontSize(11)
        .text(label, 62, y + 6, { width: labelW - 12 });
      doc
        .font(FONT)
        .fontSize(11)
        .text(value || '—', 62 + labelW, y + 6, { width: valueW - 12 });
      y += h;
    }
    y += 16;
    doc.font(FONT).fontSize(10);
    for (const n of c.notes) {
      doc.text(`注：${n}`, 56, y, { width: width - 112 });
      y = doc.y + 4;
    }
    doc.text(`依据：${c.basis.join('；')}`, 56, y + 4, { width: width - 112 });
    doc
      .font(FONT)
      .fontSize(12)
      .text(`${c.issuer}（盖章）`, 56, height - 170, { align: 'right', width: width - 112 });
    doc.text(c.date, 56, height - 148, { align: 'right', width: width - 112 });
    doc
      .fontSize(8)
      .fillColor('#666')
      .text(c.footer ?? '本证由政务 Zhengwu 依据审批记录生成；以加盖公章的纸质证书为准。', 56, height - 90, { align: 'center', width: width - 112 });
    doc.end();
  });
}
