import { cjkFont } from './cjk-font.js';

export type Pdf = PDFKit.PDFDocument;

/**
 * A PDF rendered with the CJK font, dated `at` (not now), so the same content gives the same bytes:
 * bundles and frozen threads are hashed, and a rebuilt one must hash the same.
 */
export async function renderPdf(
  meta: { title: string; at: Date; lang: string },
  draw: (doc: Pdf) => void,
): Promise<Buffer> {
  // Loaded on first use: most processes (and every test file that builds the app) never draw a PDF.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    lang: meta.lang,
    info: {
      Title: meta.title,
      Creator: 'Aftercare',
      Producer: 'Aftercare',
      CreationDate: meta.at,
      ModDate: meta.at,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  draw(doc);
  doc.end();
  return done;
}

export function heading(doc: Pdf, text: string) {
  doc
    .moveDown(0.6)
    .fontSize(13)
    .fillColor('#1f2937')
    .text(text)
    .moveDown(0.2)
    .fontSize(10)
    .fillColor('#111827');
}

/** "标签：值" in Chinese, "Label: value" in English. */
export function field(doc: Pdf, label: string, value: string, lang = 'zh-CN') {
  doc
    .fontSize(10)
    .fillColor('#6b7280')
    .text(`${label}${lang === 'zh-CN' ? '：' : ': '}`, { continued: true })
    .fillColor('#111827')
    .text(value);
}
