//! Why a file to import is refused as a whole, in Chinese (`FileProblem`,
//! src/error/file.rs): missing, empty, not text, a broken or oversized workbook, a header that
//! cannot be found, a read that stopped; and why a file could not be read or written
//! (`IoProblem`: an export, a backup, a chart). A library's own words about a broken file (`detail`)
//! are technical and stay as they came, in brackets after the Chinese.
import type { FileFault } from '../../../ipc/bindings/FileFault';
import type { FileProblem } from '../../../ipc/bindings/FileProblem';
import type { IoFault } from '../../../ipc/bindings/IoFault';
import type { IoProblem } from '../../../ipc/bindings/IoProblem';
import type { Workbook } from '../../../ipc/bindings/Workbook';
import { zhNumber, zhSaid, type ZhCatalog } from '../said';

const WORKBOOKS: Record<Workbook, string> = {
  excel: 'Excel 工作簿',
  open_document: 'OpenDocument 电子表格',
};

/** Sheet names as a refusal lists them: “封面”、“客户”. */
function zhSheets(sheets: string[]): string {
  return sheets.map((sheet) => `“${sheet}”`).join('、');
}

export const ZH_FILE_PROBLEMS: ZhCatalog<FileProblem> = {
  missing: () => '文件不存在',
  not_allowed: () => 'Kith 没有读取此文件的权限',
  could_not_read: ({ detail }) => `读取失败（${detail}）`,
  folder: () => '这是一个文件夹，不是文件',
  empty: () => '文件是空的',
  only_byte_order_mark: () => '文件是空的（只有一个字节顺序标记）',
  only_blank_lines: () => '文件只有空行',
  unknown_encoding: ({ label }) =>
    `Kith 不认识编码“${label}”；请使用 utf-8、utf-16le、gbk、big5、shift_jis 或 windows-1252 这样的名称`,
  bad_delimiter: ({ delimiter }) =>
    `分隔符必须是一个 ASCII 字符，且不能是引号或换行符，不能是“${delimiter}”`,
  header_row_zero: () => '表头行从 1 开始计数，不能是 0',
  utf32: () => '这是 UTF-32 文本，Kith 不读取这种编码；请另存为 UTF-8',
  not_text: ({ byte }) => `这不是文本文件（第 ${byte} 字节附近是二进制数据）`,
  not_zip: ({ workbook }) =>
    `不是可读的${WORKBOOKS[workbook]}：它不是 ZIP 压缩包，而每个 ${workbook === 'excel' ? '.xlsx' : '.ods'} 文件都是`,
  xls_neither: ({ byte }) =>
    `不是可读的 Excel 工作簿：它既不是 Excel 97–2003 文件，也不是文本（第 ${byte} 字节附近是二进制数据）`,
  xls_is_html: () =>
    '这是一个以 .xls 命名的网页（HTML），不是工作簿；请在 Excel 中打开它，另存为 .xlsx 或 .csv',
  xlsb: () =>
    '这是 Excel 二进制工作簿（.xlsb），Kith 不读取这种格式；请在 Excel 中打开它，另存为 .xlsx',
  not_spreadsheet: ({ mime }) => `这是 OpenDocument 文件，但不是电子表格（${mime}）`,
  zip_without_workbook: ({ workbook }) =>
    `不是可读的${WORKBOOKS[workbook]}：它是一个不含工作簿的 ZIP 压缩包（没有 xl/workbook.xml 或 content.xml）`,
  zip_entry_inflates: ({ entry, megabytes, packed_kilobytes, ratio, max_ratio }) =>
    `已拒绝，因为它看起来像 ZIP 炸弹：其中的“${entry}”从 ${zhNumber(packed_kilobytes)} KB 解压为 ${zhNumber(megabytes)} MB（${ratio}:1，超过 ${max_ratio}:1）`,
  zip_inflates: ({ megabytes, max_megabytes }) =>
    `已拒绝，因为它看起来像 ZIP 炸弹：其内容解压后共 ${zhNumber(megabytes)} MB，超过 Kith 读取的上限 ${zhNumber(max_megabytes)} MB`,
  unreadable: ({ workbook, sheet, detail }) =>
    `不是可读的${WORKBOOKS[workbook]}${sheet === null ? '' : `：工作表“${sheet}”`}（${detail}）`,
  xls_no_workbook_stream: () => '不是可读的 Excel 工作簿：其中没有 Workbook 数据流',
  xls_sheet_record_cut: ({ sheet }) => `不是可读的 Excel 工作簿：工作表“${sheet}”的记录不完整`,
  xls_sheet_past_end: ({ sheet }) =>
    `不是可读的 Excel 工作簿：工作表“${sheet}”的起点超出了工作簿的末尾`,
  xls_impossible_dimensions: ({ sheet, rows, columns }) =>
    `不是可读的 Excel 工作簿：工作表“${sheet}”声明了不可能的范围（行 ${rows}，列 ${columns}）`,
  xls_columns_backwards: ({ sheet, row }) =>
    `不是可读的 Excel 工作簿：工作表“${sheet}”的一条记录把列的先后写反了（第 ${row} 行）`,
  xls_sheet_too_large: ({ sheet, span, rows, columns }) =>
    `已拒绝：工作表“${sheet}”声明的范围是 ${span}（行 ${rows}，列 ${columns}），超出了 Excel 97–2003 工作表的容量（65536 行、256 列）`,
  xls_stream_too_big: ({ megabytes, max_megabytes }) =>
    `已拒绝：其工作簿数据流有 ${zhNumber(megabytes)} MB；Kith 最多读取 ${zhNumber(max_megabytes)} MB`,
  sheet_too_big: ({ sheet, span, megabytes, max_megabytes }) =>
    `已拒绝：工作表“${sheet}”${span === null ? '' : `（范围 ${span}）`}读入后将占用 ${zhNumber(megabytes)} MB 内存；Kith 最多读取 ${zhNumber(max_megabytes)} MB 的单元格`,
  sheet_too_wide: ({ sheet, span, max_columns }) =>
    `已拒绝：工作表“${sheet}”的范围是 ${span}；Kith 最多导入 ${zhNumber(max_columns)} 列`,
  no_such_sheet: ({ sheet, sheets }) =>
    `没有名为“${sheet}”的工作表；它的工作表有：${zhSheets(sheets)}`,
  no_data_in_sheets: ({ sheets }) => `所有工作表中都没有数据（${zhSheets(sheets)}）`,
  sheet_empty: ({ sheet }) => `工作表“${sheet}”没有数据`,
  sheet_header_row_empty: ({ sheet, row }) => `工作表“${sheet}”的第 ${row} 行是空的，不能作为表头`,
  sheet_ends_before_header: ({ sheet, last_row, header_row }) =>
    `工作表“${sheet}”在第 ${last_row} 行就结束了，在表头行 ${header_row} 之前`,
  too_many_columns: ({ columns, max_columns }) =>
    `有 ${zhNumber(columns)} 列；Kith 最多导入 ${zhNumber(max_columns)} 列`,
  header_empty: () => '表头行是空的',
  header_past_end: ({ row }) => `表头行 ${row} 超出了文件末尾`,
  header_line_not_row: ({ line, next }) =>
    `第 ${line} 行是空行或位于带引号的字段之内，不能作为表头行；下一行从第 ${next} 行开始`,
  row_too_long: ({ line, max_megabytes, quote_line }) =>
    `从第 ${line} 行开始的那一行超过了 ${max_megabytes} MB` +
    (quote_line === null ? '' : `；第 ${quote_line} 行开始的带引号字段可能一直没有结束`),
  line_too_long: ({ line, max_megabytes }) => `第 ${line} 行超过了 ${max_megabytes} MB`,
  stopped: ({ line, at, detail }) => `读取在第 ${line} 行${at ? '处' : '之后'}中断（${detail}）`,
};

/** A file refused as a whole, in Chinese: the file, the line when there is one, and why. */
export function zhFileFault({ path, line, problem }: FileFault): string {
  const where = line === null ? '' : `第 ${line} 行`;
  return `无法读取文件“${path}”${where}：${zhSaid(problem, ZH_FILE_PROBLEMS)}`;
}

export const ZH_IO_PROBLEMS: ZhCatalog<IoProblem> = {
  not_found: () => '文件或文件夹不存在',
  permission_denied: () => '没有权限',
  storage_full: () => '磁盘已满',
  read_only: () => '磁盘或文件夹是只读的',
  other: ({ detail }) => `系统报告：${detail}`,
};

/** A file that could not be read or written, in Chinese: the file and why. */
export function zhIoFault({ path, problem }: IoFault): string {
  return `无法读写文件“${path}”：${zhSaid(problem, ZH_IO_PROBLEMS)}`;
}
