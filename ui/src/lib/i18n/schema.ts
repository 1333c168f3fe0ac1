//! The engine's labels in the window's language. The schema the engine sends names every
//! kind, field and choice in English (src/kinds.rs); English shows them as sent, Chinese finds
//! them here by their stable keys (kind, field name, stored choice value). `schema.test.ts`
//! walks the recorded schema and fails on any kind, field or choice without a Chinese label.
import type { FieldSchema, Kind, KindSchema } from '../../ipc/api';
import { stageNames } from '../stages.svelte';
import { i18n, type Language } from './index.svelte';

type KindLabels = {
  label: string;
  plural: string;
  fields: Record<string, string>;
  choices?: Record<string, Record<string, string>>;
};

const PRIORITY = { low: '低', normal: '普通', high: '高' };

/** Chinese labels of every kind, field and choice the engine describes. */
export const ZH_SCHEMA: Record<Kind, KindLabels> = {
  contact: {
    label: '联系人',
    plural: '联系人',
    fields: {
      first_name: '名',
      last_name: '姓',
      email: '邮箱',
      phone: '电话',
      company_id: '公司',
      job_title: '职位',
      city: '城市',
      country: '国家/地区',
      address: '地址',
      website: '网站',
      birthday: '生日',
      source: '来源',
      customer_no: '客户编号',
      notes: '备注',
    },
    choices: {
      source: {
        import: '导入',
        referral: '转介绍',
        website: '网站',
        event: '线下活动',
        campaign: '营销活动',
        cold: '陌生开发',
        other: '其他',
      },
    },
  },
  company: {
    label: '公司',
    plural: '公司',
    fields: {
      name: '名称',
      industry: '行业',
      domain: '域名',
      email: '邮箱',
      phone: '电话',
      website: '网站',
      address: '地址',
      city: '城市',
      country: '国家/地区',
      employees: '员工数',
      notes: '备注',
    },
  },
  relationship: {
    label: '关系',
    plural: '关系',
    fields: {
      contact_id: '联系人',
      kind: '类型',
      other_contact_id: '另一联系人',
      company_id: '公司',
      started_on: '开始',
      ended_on: '结束',
      notes: '备注',
    },
    choices: {
      kind: {
        colleague: '同事',
        manager: '上级',
        reports_to: '汇报给',
        spouse: '配偶',
        family: '家人',
        friend: '朋友',
        referral: '推荐人',
        employee: '员工',
        owner: '所有者',
        advisor: '顾问',
        former_employee: '前员工',
        other: '其他',
      },
    },
  },
  deal: {
    label: '商机',
    plural: '商机',
    fields: {
      title: '标题',
      contact_id: '联系人',
      company_id: '公司',
      stage: '阶段',
      probability: '赢率 %',
      value: '金额',
      currency: '币种',
      expected_close: '预计成交',
      closed_on: '关闭日期',
      lost_reason: '输单原因',
      source: '来源',
      campaign_id: '营销活动',
      notes: '备注',
    },
    choices: {
      stage: {
        lead: '线索',
        qualified: '已确认',
        proposal: '方案报价',
        negotiation: '谈判',
        won: '赢单',
        lost: '输单',
      },
      source: {
        inbound: '客户咨询',
        outbound: '主动开发',
        referral: '转介绍',
        campaign: '营销活动',
        partner: '合作伙伴',
        other: '其他',
      },
    },
  },
  activity: {
    label: '活动记录',
    plural: '活动记录',
    fields: {
      kind: '类型',
      subject: '主题',
      body: '详情',
      contact_id: '联系人',
      company_id: '公司',
      deal_id: '商机',
      ticket_id: '工单',
      occurred_at: '时间',
      due_on: '截止日期',
      due_time: '截止时间',
      priority: '优先级',
      done: '已完成',
    },
    choices: {
      kind: { call: '电话', meeting: '会议', email: '邮件', note: '笔记', task: '任务' },
      priority: PRIORITY,
    },
  },
  order: {
    label: '订单',
    plural: '订单',
    fields: {
      number: '订单号',
      contact_id: '联系人',
      company_id: '公司',
      ordered_on: '下单日期',
      status: '状态',
      campaign_id: '营销活动',
      total: '总额',
      quantity: '数量',
      currency: '币种',
      channel: '渠道',
      notes: '备注',
    },
    choices: {
      status: {
        draft: '草稿',
        placed: '已下单',
        paid: '已付款',
        shipped: '已发货',
        delivered: '已送达',
        cancelled: '已取消',
        refunded: '已退款',
      },
      channel: {
        online: '线上',
        store: '门店',
        phone: '电话',
        marketplace: '电商平台',
        wholesale: '批发',
        other: '其他',
      },
    },
  },
  order_line: {
    label: '订单明细',
    plural: '订单明细',
    fields: {
      order_id: '订单',
      product_id: '产品',
      description: '描述',
      quantity: '数量',
      unit_price: '单价',
      amount: '金额',
    },
  },
  product: {
    label: '产品',
    plural: '产品',
    fields: {
      name: '名称',
      sku: 'SKU',
      price: '价格',
      currency: '币种',
      category: '类别',
      active: '在售',
      description: '描述',
    },
  },
  ticket: {
    label: '工单',
    plural: '工单',
    fields: {
      subject: '主题',
      description: '描述',
      contact_id: '联系人',
      company_id: '公司',
      order_id: '订单',
      status: '状态',
      priority: '优先级',
      category: '类别',
      opened_at: '创建时间',
      first_response_at: '首次响应',
      resolved_at: '解决时间',
      follow_up_on: '跟进日期',
    },
    choices: {
      status: {
        new: '新建',
        in_progress: '处理中',
        waiting: '等待客户',
        resolved: '已解决',
        closed: '已关闭',
      },
      priority: { ...PRIORITY, urgent: '紧急' },
    },
  },
  campaign: {
    label: '营销活动',
    plural: '营销活动',
    fields: {
      name: '名称',
      channel: '渠道',
      status: '状态',
      starts_on: '开始日期',
      ends_on: '结束日期',
      budget: '预算',
      currency: '币种',
      notes: '备注',
    },
    choices: {
      channel: {
        email: '邮件',
        event: '线下活动',
        social: '社交媒体',
        ads: '广告',
        direct_mail: '直邮',
        phone: '电话',
        other: '其他',
      },
      status: { planned: '计划中', active: '进行中', completed: '已完成', cancelled: '已取消' },
    },
  },
  campaign_member: {
    label: '活动成员',
    plural: '活动成员',
    fields: {
      campaign_id: '营销活动',
      contact_id: '联系人',
      status: '状态',
      responded_at: '回复时间',
      response: '回复内容',
    },
    choices: {
      status: {
        invited: '已邀请',
        sent: '已发送',
        opened: '已打开',
        clicked: '已点击',
        responded: '已回复',
        converted: '已转化',
        unsubscribed: '已退订',
      },
    },
  },
  feedback: {
    label: '反馈',
    plural: '反馈',
    fields: {
      contact_id: '联系人',
      ticket_id: '工单',
      order_id: '订单',
      rating: '评分（1–5）',
      nps: 'NPS（0–10）',
      comment: '评论',
      channel: '渠道',
      received_at: '收到时间',
    },
    choices: {
      channel: {
        survey: '问卷',
        email: '邮件',
        phone: '电话',
        review: '评价',
        chat: '在线客服',
        in_person: '当面',
        other: '其他',
      },
    },
  },
};

/** Fields whose choices are ISO 4217 currency codes, named by the locale's own words. */
function isCurrency(field: string): boolean {
  return field === 'currency';
}

/** A currency code with its name in `locale` ("CNY 人民币"), or the code alone. */
function currencyLabel(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'currency' }).of(code);
    return name && name !== code ? `${code} ${name}` : code;
  } catch {
    return code;
  }
}

/**
 * A stored choice value as the user reads it: a deal stage by the name the user gave it, else
 * English shows the engine's value, Chinese its label; a value the schema does not know is
 * shown as stored.
 */
export function choiceLabel(
  kind: Kind,
  field: string,
  value: string,
  language: Language = i18n.language,
): string {
  // A deal stage the user renamed has their name in any language.
  const named = kind === 'deal' && field === 'stage' ? stageNames.names[value] : undefined;
  if (named) return named;
  if (language === 'en') return value;
  if (isCurrency(field)) return currencyLabel(value, 'zh-CN');
  return ZH_SCHEMA[kind]?.choices?.[field]?.[value] ?? value;
}

/** A field's label in the window's language (the engine's English label otherwise). */
export function fieldLabel(
  kind: Kind,
  field: FieldSchema,
  language: Language = i18n.language,
): string {
  if (language === 'en') return field.label;
  return ZH_SCHEMA[kind]?.fields[field.name] ?? field.label;
}

/**
 * The schema with every kind and field label in `language`, for the screens that show them
 * (lists, forms, the sidebar). Field names, kinds and choice values stay the engine's.
 */
export function localizeSchemas(
  schemas: readonly KindSchema[],
  language: Language = i18n.language,
): KindSchema[] {
  if (language === 'en') return [...schemas];
  return schemas.map((schema) => {
    const zh = ZH_SCHEMA[schema.kind];
    return {
      ...schema,
      label: zh?.label ?? schema.label,
      plural: zh?.plural ?? schema.plural,
      fields: schema.fields.map((field) => ({
        ...field,
        label: fieldLabel(schema.kind, field, language),
      })),
    };
  });
}

/** Whether a field's choices are currencies (no Chinese entry needed: Intl names them). */
export { isCurrency };
