//! The engine's refusals in Chinese, by their stable code (`IssueCode`, src/error.rs). English
//! shows the engine's own reason, the words the CLI prints. Typed by the generated union: a
//! code the engine adds without a Chinese message here fails the type check.
import type { IssueCode } from '../../ipc/bindings/IssueCode';
import type { ErrorCode } from '../../ipc/bindings/ErrorCode';
import type { Kind } from '../../ipc/bindings/Kind';
import type { KeptReason } from '../../ipc/bindings/KeptReason';
import { zhSaid, type ZhCatalog } from './said';
import { ZH_SCHEMA } from './schemaLabels';
import { targetLabel } from './targets';

/** A Chinese message for every code, from the code's values. */
export const ZH_ISSUES: ZhCatalog<IssueCode> = {
  required: () => '此项为必填项',
  too_long: ({ max }) => `超过 ${max.toLocaleString('zh-CN')} 个字符`,
  control_character: ({ character }) => `包含控制字符（${character}）`,
  not_email: ({ value }) => `“${value}”不是有效的邮箱地址`,
  not_phone: ({ value }) => `“${value}”不是有效的电话号码`,
  not_url: ({ value }) => `“${value}”不是有效的网址`,
  not_date: ({ value }) => `“${value}”不是有效的日期（格式应为 YYYY-MM-DD）`,
  not_month_day: ({ value }) => `“${value}”不是有效的月日（格式应为 --MM-DD，例如 --03-05）`,
  not_date_time: ({ value }) => `“${value}”不是有效的日期时间（格式应为 YYYY-MM-DD HH:MM）`,
  not_time: ({ value }) => `“${value}”不是有效的时间（格式应为 HH:MM，例如 14:30）`,
  not_whole_number: ({ value }) => `“${value}”不是整数`,
  out_of_range: ({ value, min, max }) => `${value} 超出范围（应为 ${min} 到 ${max}）`,
  not_number: ({ value }) => `“${value}”不是有效的数字`,
  not_money: ({ value }) => `“${value}”不是有效的金额`,
  not_yes_no: ({ value }) => `“${value}”不是“是”或“否”`,
  not_choice: ({ value, choices }) => `“${value}”不是可选值之一：${choices.join('、')}`,
  contact_identity: () => '联系人至少需要姓名、邮箱、电话、客户编号或公司中的一项',
  feedback_content: () => '反馈至少需要评分、NPS 或评论中的一项',
  nothing_identifies: ({ kept }) =>
    '没有可识别客户的信息：缺少姓名、邮箱、电话、客户编号和公司' +
    (kept.length > 0
      ? `（${kept.map((k) => `${k.column}：${zhSaid(k.reason, ZH_KEPT_REASONS)}`).join('；')}）`
      : ''),
  relationship_target: () => '关系需要关联另一位联系人或一家公司',
  ends_before_start: ({ start, end }) => `结束日期（${end}）早于开始日期（${start}）`,
  custom_field_name: ({ max }) => `自定义字段的名称应为 1 到 ${max} 个字符`,
  stage_name: ({ max }) => `阶段名称应为 1 到 ${max} 个可打印字符`,
  not_percentage: ({ value }) => `${value} 不是 0 到 100 之间的百分比`,
  closed_stage_probability: ({ stage, probability }) =>
    `${stageWord(stage)}商机的概率始终为 ${probability}%`,
  closed_stage_off: ({ stage }) => `${stageWord(stage)}不能停用：商机以它结束`,
  no_open_stage: () => '至少要保留一个进行中的阶段',
  stage_holds_deals: ({ count }) => `此阶段还有 ${count} 个商机：请先把它们移到其他阶段`,
  mapped_twice: () => '被映射了不止一次',
  not_mapped: () => '尚未映射（请选择字段、自定义字段或忽略）',
  header_changed: ({ expected, column, found }) =>
    `映射要求第 ${column} 列为“${expected}”，文件中却是“${found}”（文件是否改动过？）`,
  already_filled: ({ kind, target, label, from }) =>
    `${zhTarget(kind, target, label)}已由“${from}”列填写`,
  needs_column: ({ kind, targets, labels }) => {
    const names = targets.map((target, i) => zhTarget(kind, target, labels[i] ?? target));
    const plural = ZH_SCHEMA[kind]?.plural ?? kind;
    return names.length === 1
      ? `${plural}需要一列${names[0]}`
      : `${plural}需要以下其中一列：${names.join('、')}`;
  },
  no_column: ({ column, columns }) => `第 ${column} 列不存在（文件只有 ${columns} 列）`,
  not_a_target: ({ kind, target }) => `${ZH_SCHEMA[kind]?.plural ?? kind}没有字段“${target}”`,
  saved_for_other_kind: ({ name, saved, kind }) =>
    `已保存的映射“${name}”用于${ZH_SCHEMA[saved]?.plural ?? saved}，不能用于${ZH_SCHEMA[kind]?.plural ?? kind}`,
  saved_target_missing: ({ name, kind, target }) =>
    `已保存的映射“${name}”把它映射到“${target}”，但${ZH_SCHEMA[kind]?.plural ?? kind}没有这个字段`,
  saved_target_filled: ({ name, kind, target, from }) =>
    `已保存的映射“${name}”把它映射到${zhTarget(kind, target, target)}，但该字段已由“${from}”列填写`,
  view_name: ({ max }) => `视图名称应为 1 到 ${max} 个可打印字符`,
  mapping_name: ({ max }) => `保存的映射需要 1 到 ${max} 个字符的名称`,
  already_undone: ({ at }) => `这次导入已于 ${at} 撤销`,
  xlsx_too_many_rows: ({ max }) =>
    `Excel 工作表最多容纳 ${max.toLocaleString('zh-CN')} 行；请导出为 CSV`,
  xlsx_cell_too_long: ({ title, characters, column, max }) =>
    `“${title}”的“${column}”有 ${characters.toLocaleString('zh-CN')} 个字符；Excel 单元格最多容纳 ${max.toLocaleString('zh-CN')} 个字符，请导出为 CSV`,
  ticket_deleted: () => '该工单已被删除；请先恢复它',
  period_backwards: ({ from, to }) => `时间段的开始（${from}）晚于结束（${to}）`,
  keep_one_backup: () => '至少要保留一个备份',
  follow_up_days: ({ days }) => `${days} 超出范围（跟进时间应为 1 到 365 天之后）`,
  rating: ({ rating }) => `${rating} 超出范围（满意度评分应为 1 到 5）`,
  rule_points: ({ value, max }) => `${value} 分超出范围：每条规则的分值应在 −${max} 到 ${max} 之间`,
  filter_names_nothing: ({ value }) => `“${value}”读作空值，没有可比较的内容`,
  range_without_ends: ({ value }) => `“${value}”是一个两端都没有值的范围`,
  no_tag_named: () => '请填写一个标签（或多个：VIP|批发）',
  unreadable_date: ({ value }) =>
    `“${value}”无法识别为日期（例如 2024-03-01、01/03/2024 或 2024年3月1日）`,
  date_without_day: ({ value }) => `“${value}”缺少日`,
  date_without_year: ({ value }) => `“${value}”缺少年份`,
  ambiguous_date: ({ value }) =>
    `“${value}”既可能是日/月，也可能是月/日：请为此列选择日期格式（日/月/年或月/日/年）`,
  no_such_date: ({ value }) => `“${value}”不是日历上存在的日期`,
  no_date_given: () => '未填写日期',
  unreadable_time_of_day: ({ value }) =>
    `“${value}”中的时间无法识别（例如 14:30、2:30 PM 或 14:30:05+02:00）`,
  several_emails: ({ value }) => `“${value}”包含多个邮箱地址`,
  several_phones: ({ value }) => `“${value}”包含多个电话号码`,
  no_phone_given: () => '未填写电话号码',
  not_country_code: ({ value }) => `“${value}”不是国家/地区代码（例如 CN、DE、US、GB）`,
  unreadable_phone: ({ value, country }) =>
    country === null ? `“${value}”不是电话号码` : `“${value}”不是${zhRegion(country)}的电话号码`,
  invalid_phone_in: ({ value, place }) =>
    place.startsWith('+')
      ? `“${value}”不是有效的电话号码（国际区号 ${place}）`
      : `“${value}”不是有效的${zhRegion(place)}电话号码`,
  phone_without_country: () =>
    '号码没有国家/地区代码，文件中也没有注明国家/地区：请设置默认国家/地区后重新清理',
  not_tag: ({ max }) => `标签应为 1 到 ${max} 个可打印字符`,
};

/** A country's Chinese name from its ISO code ("DE" → "德国"), or the code when unknown. */
function zhRegion(code: string): string {
  try {
    return new Intl.DisplayNames(['zh-CN'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** An import's target in Chinese: a custom field by its name, else the field's label. */
function zhTarget(kind: Kind, target: string, label: string): string {
  if (target.startsWith('custom.')) return `自定义字段“${target.slice('custom.'.length)}”`;
  return targetLabel(kind, { key: target, label, ty: 'text', required: false }, 'zh');
}

/** Won and lost by their Chinese names. */
function stageWord(stage: string): string {
  return stage === 'won' ? '赢单' : stage === 'lost' ? '输单' : stage;
}

/** The Chinese message of a code. */
export function zhIssue(issue: IssueCode): string {
  return zhSaid(issue, ZH_ISSUES);
}

/**
 * Why an import kept a value for review, in Chinese (`KeptReason`): the refusal said by its
 * code, then what was done with the cell. Here beside the refusals it wraps, as a row that
 * names nobody lists its kept values with them (`nothing_identifies`).
 */
export const ZH_KEPT_REASONS: ZhCatalog<KeptReason> = {
  not_read: ({ issue }) => zhIssue(issue),
  stored_as_written: ({ issue }) => `${zhIssue(issue)}；已按原样保存`,
  first_used: ({ issue }) => `${zhIssue(issue)}；已使用第一个`,
  tag_refused: ({ tag, issue }) => `“${tag}”：${zhIssue(issue)}`,
};

/**
 * Chinese for the failures whose English message adds nothing a user acts on beyond the
 * code; the others (database, file and internal errors) keep the engine's message, which
 * names the file or the cause.
 */
export const ZH_ERRORS: Partial<Record<ErrorCode, string>> = {
  not_found: '找不到该记录（可能已被删除）',
  deleted: '该记录已被删除',
  cancelled: '已取消，未做任何更改',
  busy: '另一个 Kith 正在写入此数据库，请稍后再试',
  too_new: '此数据库由更新版本的 Kith 创建，请先更新 Kith',
  not_a_database: '此文件不是 Kith 数据库，未做任何改动',
};

/**
 * What the failures that keep the engine's message are, said in Chinese before it (the
 * message names the file or the cause as the engine wrote it).
 */
export const ZH_ERROR_KINDS: Partial<Record<ErrorCode, string>> = {
  database: '数据库出错',
  io: '无法读写文件',
  bad_file: '无法读取此文件',
  internal: 'Kith 内部出错（已记入日志）',
  validation: '输入有误',
};
