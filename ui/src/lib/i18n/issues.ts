//! The engine's refusals in Chinese, by their stable code (`IssueCode`, src/error.rs). English
//! shows the engine's own reason, the words the CLI prints. Typed by the generated union: a
//! code the engine adds without a Chinese message here fails the type check.
import type { IssueCode } from '../../ipc/bindings/IssueCode';
import type { ErrorCode } from '../../ipc/bindings/ErrorCode';
import type { Kind } from '../../ipc/bindings/Kind';
import { targetLabel } from '../importing';
import { zhSaid, type ZhCatalog } from './said';
import { ZH_SCHEMA } from './schema';

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
    (kept.length > 0 ? `（${kept.join('；')}）` : ''),
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
  rule_points: ({ value, max }) => `${value} 分超出范围：每条规则的分值应在 −${max} 到 ${max} 之间`,
};

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
