import yauzl from 'yauzl';
import { AppError } from '../shared/app-error.js';
import { type ImportLimits, tooLarge } from './table-limits.js';

export type XlsxCounts = { entries: number; uncompressedBytes: number; cells: number; rows: number };

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
const LT = 0x3c; // <

/**
 * Counts `<c …>` (cells) and `<row …>` tags in worksheet XML as it streams past, carrying the last
 * few bytes over chunk boundaries. Cheap: no XML is parsed and nothing is kept.
 */
function createTagCounter() {
  let carry = Buffer.alloc(0);
  let cells = 0;
  let rows = 0;
  const isEnd = (b: number | undefined) =>
    b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;
  return {
    push(chunk: Buffer) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const stop = buf.length - 4; // `<row` plus the byte after it must be in this buffer
      let i = buf.indexOf(LT);
      while (i !== -1 && i < stop) {
        if (buf[i + 1] === 0x63 /* c */ && isEnd(buf[i + 2])) cells++;
        else if (buf[i + 1] === 0x72 && buf[i + 2] === 0x6f && buf[i + 3] === 0x77 && isEnd(buf[i + 4]))
          rows++;
        i = buf.indexOf(LT, i + 1);
      }
      carry = Buffer.from(buf.subarray(Math.max(0, stop)));
    },
    get cells() {
      return cells;
    },
    get rows() {
      return rows;
    },
  };
}

const notXlsx = () =>
  new AppError('UNPROCESSABLE', 'the file is not a readable XLSX workbook: save it again as .xlsx or CSV');

/**
 * Walks the workbook's zip before any spreadsheet library sees it: the number of parts and the bytes
 * each really inflates to (not what the header claims: yauzl stops a part that inflates past its
 * declared size), and the cells and rows of every worksheet — so a 0.4 MB file that inflates to
 * 400 MB, or millions of empty styled cells, are refused with their figures while they are read.
 */
export function precheckXlsx(bytes: Uint8Array, limits: ImportLimits): Promise<XlsxCounts> {
  const counts: XlsxCounts = { entries: 0, uncompressedBytes: 0, cells: 0, rows: 0 };
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => {
        if (err || !zip) return reject(notXlsx());
        let failed = false;
        const fail = (error: AppError) => {
          if (failed) return;
          failed = true;
          zip.close();
          reject(error);
        };
        zip.on('error', () => fail(notXlsx()));
        zip.on('end', () => {
          if (!failed) resolve(counts);
        });
        zip.on('entry', (entry: yauzl.Entry) => {
          if (++counts.entries > limits.xlsxEntries) {
            return fail(tooLarge(`the workbook has more than ${limits.xlsxEntries} parts`));
          }
          if (entry.fileName.endsWith('/')) return zip.readEntry();
          if (counts.uncompressedBytes + entry.uncompressedSize > limits.xlsxUncompressedBytes) {
            return fail(unpacksTooLarge(limits));
          }
          zip.openReadStream(entry, (e, stream) => {
            if (e || !stream) return fail(notXlsx());
            const tags = WORKSHEET.test(entry.fileName) ? createTagCounter() : null;
            const cellsBefore = counts.cells;
            const rowsBefore = counts.rows;
            stream.on('data', (chunk: Buffer) => {
              counts.uncompressedBytes += chunk.length;
              if (counts.uncompressedBytes > limits.xlsxUncompressedBytes) {
                stream.destroy();
                return fail(unpacksTooLarge(limits));
              }
              if (!tags) return;
              tags.push(chunk);
              counts.cells = cellsBefore + tags.cells;
              counts.rows = rowsBefore + tags.rows;
              if (counts.cells > limits.cells) {
                stream.destroy();
                return fail(tooLarge(`the workbook has more than ${limits.cells} cells`));
              }
              // Header and blank rows come on top of the data rows; twice the limit is a clear excess.
              if (counts.rows > 2 * limits.rows) {
                stream.destroy();
                return fail(tooLarge(`the workbook has more than ${2 * limits.rows} rows`));
              }
            });
            stream.on('error', () => fail(notXlsx()));
            stream.on('end', () => {
              if (!failed) zip.readEntry();
            });
          });
        });
        zip.readEntry();
      },
    );
  });
}

const unpacksTooLarge = (limits: ImportLimits) =>
  tooLarge(`the workbook unpacks to more than ${limits.xlsxUncompressedBytes / 1024 / 1024} MiB`);
