//! The import's words in Chinese: a file's warnings (`ReadNote`, src/import/read/note.rs),
//! the report's notes on how it was read (`ImportNote`, src/import/note.rs) and why a row was
//! skipped, rejected or matched (`RowReason`, src/store/batch.rs). Line and column numbers
//! are written as the file numbers them (no grouping, like the preview's table); counts with
//! `zhNumber`.
import type { ImportNote } from '../../../ipc/bindings/ImportNote';
import type { MatchBy } from '../../../ipc/bindings/MatchBy';
import type { MatchedRecord } from '../../../ipc/bindings/MatchedRecord';
import type { ReadNote } from '../../../ipc/bindings/ReadNote';
import type { RowReason } from '../../../ipc/bindings/RowReason';
import { zhIssue } from '../issues';
import { zhNumber, type ZhCatalog } from '../said';

/** A list of the file's column numbers: 第 2、5 列. */
function zhColumns(columns: number[]): string {
  return `第 ${columns.join('、')} 列`;
}

/** A span of lines: 第 3 行, or 第 3–5 行. */
function zhLines(first: number, last: number): string {
  return first === last ? `第 ${first} 行` : `第 ${first}–${last} 行`;
}

export const ZH_READ_NOTES: ZhCatalog<ReadNote> = {
  xls_holds_text: () => '文件扩展名为 .xls，但内容是文本；已按 CSV 读取。',
  bom_not_chosen: ({ bom, chosen }) =>
    `文件以 ${bom} 字节顺序标记开头，但已按您选择的 ${chosen} 解码。`,
  utf16_without_bom: ({ encoding }) =>
    `文件没有字节顺序标记，但看起来是 ${encoding}；已按 ${encoding} 读取。`,
  damaged_utf8: ({ sequences }) =>
    `文件是 UTF-8 编码，但开头附近有 ${zhNumber(sequences)} 处无效的字节序列；含有这些字节的行将被拒绝。`,
  encoding_guessed: ({ encoding, non_ascii }) =>
    `编码是仅根据 ${zhNumber(non_ascii)} 个非 ASCII 字节推测为 ${encoding} 的；如果姓名显示为乱码，请选择编码。`,
  header_not_valid: ({ encoding }) => `表头行含有不属于 ${encoding} 编码的字符；请检查编码。`,
  data_starts_in_column: ({ column }) => `工作表的数据从第 ${column} 列开始；其左侧的列都是空的。`,
  skipped_above_header: ({ count, first, last }) =>
    `已跳过表头上方的 ${zhNumber(count)} 行（${zhLines(first, last)}）。`,
  unnamed_column: ({ column }) => `第 ${column} 列没有表头，已命名为“Column ${column}”。`,
  repeated_header: ({ header, column, name }) =>
    `表头“${header}”出现了不止一次；第 ${column} 列已命名为“${name}”。`,
  no_data_rows: () => '文件有表头，但没有数据行。',
};

export const ZH_IMPORT_NOTES: ZhCatalog<ImportNote> = {
  order_numbers_made: ({ count }) =>
    `${zhNumber(count)} 个订单没有订单号：已根据客户、日期、金额和数量为每个订单生成一个（AUTO-…），再次导入该文件时，同一行会得到同一个订单号。`,
  placeholders: ({ header, count, seen }) =>
    `${header}：${zhNumber(count)} 个占位值（${seen.map((text) => `“${text}”`).join('、')}）已视为空。`,
  phone_countries: ({ countries }) =>
    `没有国家代码的电话号码已按所在行的国家读取（${countries
      .map(({ country, count }) => `${country} ${zhNumber(count)} 个`)
      .join('，')}）。`,
  default_country: ({ country }) => `没有国家代码的电话号码的默认国家：${country}`,
  dates_read: ({ header, examples, order, country }) =>
    `${header}：${examples.join('、')} 等日期已按${order === 'mdy' ? '月在前' : '日在前'}读取，` +
    (country === null
      ? '因为大多数国家这样写日期（未设置默认国家）'
      : `因为 ${country} 的日期是这样写的`) +
    '；如果不对，请撤销本次导入，换用另一种日期格式重新导入。',
};

/** How a row was matched, in Chinese (as the import page's `import.matchBy.*`). */
const ZH_MATCH_BY: Record<MatchBy, string> = {
  id: 'Kith ID',
  email: '邮箱',
  phone: '电话',
  name: '相似名称',
  number: '订单号',
  domain: '网站域名',
  customer_no: '客户编号',
};

/** The record a row matched: its title, the line it came from, and what matched. */
function zhMatched({ title, from_line, by, score }: MatchedRecord): string {
  const from = from_line === null ? '' : `（来自第 ${from_line} 行）`;
  const how = by === 'name' ? `${ZH_MATCH_BY[by]}，相似度 ${score}` : ZH_MATCH_BY[by];
  return `“${title}”${from}（按${how}匹配）`;
}

export const ZH_ROW_REASONS: ZhCatalog<RowReason> = {
  created: () => '',
  empty_row: () => '空行',
  total_row: () => '合计行',
  empty_card: () => '空名片',
  cell_count: ({ cells, columns }) => `有 ${cells} 个单元格，但表头只有 ${columns} 列`,
  unclosed_quote: ({ opened, last }) =>
    `第 ${opened} 行开始的引号没有闭合，一直延续到文件末尾，因此第 ${opened}–${last} 行被读成了这一行`,
  invalid_bytes: ({ encoding, columns }) =>
    `${zhColumns(columns)}含有 ${encoding} 编码中无效的字节`,
  nul_byte: ({ columns }) => `${zhColumns(columns)}含有 NUL 字节`,
  invalid_bytes_on_line: ({ encoding, line }) => `第 ${line} 行含有 ${encoding} 编码中无效的字节`,
  outside_card: ({ first, last }) =>
    `${zhLines(first, last)}不在任何 BEGIN:VCARD … END:VCARD 名片之内`,
  card_not_ended: ({ begin, next }) =>
    `从第 ${begin} 行开始的名片没有 END:VCARD（${next === null ? '文件已结束' : `另一张名片从第 ${next} 行开始`}）`,
  refused: ({ issues }) =>
    issues
      .map(({ field, reason, code }) => `${field}：${code ? zhIssue(code) : reason}`)
      .join('；'),
  added_as_line: ({ order, line }) => `已作为明细行加入订单 ${order}（该订单来自第 ${line} 行）`,
  duplicate: (matched) => `与${zhMatched(matched)}重复`,
  up_to_date: (matched) => `已是最新：与${zhMatched(matched)}相同`,
  merged_into: (matched) => `已合并到${zhMatched(matched)}`,
};
