//! 简体中文 of related records on a contact's or company's page: typed by `related.en.ts`,
//! so a missing key fails the check.
import type { relatedEn } from './related.en';

export const relatedZh: Record<keyof typeof relatedEn, string> = {
  'related.title': '相关记录',
  'related.loading': '正在加载相关记录…',
  'related.failed': '无法加载相关记录：{error}',
  'related.none':
    '此{kind}还没有相关记录。指向它的关系、商机、订单、工单、任务、反馈和营销活动会显示在这里。',
  'related.relationships': '关系',
  'related.theirSide': '由对方记录',
  'related.since': '自 {date} 起',
  'related.until': '至 {date}',
  'related.between': '{from} – {to}',
  'related.people': '人员',
  'related.deals': '商机',
  'related.orders': '订单',
  'related.tickets': '工单',
  'related.tasks': '任务',
  'related.feedback': '反馈',
  'related.campaigns': '营销活动',
  'related.showAll.one': '在列表中查看',
  'related.showAll.other': '查看全部 {count} 条',
  'related.addRelationship': '添加关系',
};
