//! The mock's demo workspace: a few companies and people (several with Chinese names),
//! with deals, activities, orders, tickets, a campaign and feedback around them.
//! Field names are the engine's (`bindings/schema.json`); ref fields (`…_id`) name another
//! row's `key`. Money is in major units, as the engine returns it.
import type { Kind } from '../bindings/Kind';
import type { Value } from '../bindings/Value';

export type SeedRow = {
  /** A name other rows use in ref fields; replaced by the generated id on insert. */
  key: string;
  kind: Kind;
  values: Record<string, Value>;
  /** When the row was created (RFC 3339). */
  at: string;
  tags?: string[];
  custom?: Record<string, string>;
};

export function seedDemo(now: Date): SeedRow[] {
  const day = 86_400_000;
  const instant = (days: number, hour: number): Date => {
    const date = new Date(now.getTime() - days * day);
    date.setUTCHours(hour, 0, 0, 0);
    return date;
  };
  /** A datetime field value, `days` ago at `hour` UTC (whole seconds, as the engine stores). */
  const ago = (days: number, hour = 10): string =>
    instant(days, hour)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  /** A date field value, `days` ago. */
  const date = (days: number): string => ago(days).slice(0, 10);
  const rows: SeedRow[] = [];
  const add = (
    key: string,
    kind: Kind,
    values: Record<string, Value>,
    days: number,
    extra: Pick<SeedRow, 'tags' | 'custom'> = {},
  ) => rows.push({ key, kind, values, at: instant(days, 9).toISOString(), ...extra });

  add(
    'tea',
    'company',
    {
      name: '杭州茶叶有限公司',
      industry: 'Food & beverage',
      domain: 'hztea.example.cn',
      email: 'info@hztea.example.cn',
      phone: '+86 571 8765 4321',
      website: 'www.hztea.example.cn',
      address: '西湖区龙井路 18 号',
      city: '杭州',
      country: '中国',
      employees: 48,
    },
    400,
    { tags: ['wholesale', '重点客户'], custom: { 微信: 'hztea_official' } },
  );
  add(
    'star',
    'company',
    {
      name: '上海星辰科技',
      industry: 'Software',
      domain: 'xingchen.example.cn',
      website: 'https://xingchen.example.cn',
      city: '上海',
      country: '中国',
      employees: 130,
    },
    320,
  );
  add(
    'northwind',
    'company',
    {
      name: 'Northwind Traders',
      industry: 'Retail',
      domain: 'northwind.example.com',
      website: 'https://northwind.example.com',
      city: 'Seattle',
      country: 'United States',
      employees: 220,
    },
    300,
    { tags: ['distributor'] },
  );
  add(
    'harbor',
    'company',
    {
      name: 'Blue Harbor GmbH',
      industry: 'Manufacturing',
      domain: 'blueharbor.example.de',
      city: 'Hamburg',
      country: 'Germany',
      employees: 75,
    },
    210,
  );

  add(
    'liming',
    'contact',
    {
      first_name: '明',
      last_name: '李',
      email: 'li.ming@hztea.example.cn',
      phone: '+86 138 0571 2233',
      company_id: 'tea',
      job_title: '采购经理',
      city: '杭州',
      country: '中国',
      birthday: '1986-04-12',
      source: 'event',
      notes: '喜欢龙井，每季度下单一次。Prefers WeChat over email.',
    },
    380,
    { tags: ['vip', '龙井'], custom: { 微信: 'liming_hz' } },
  );
  add(
    'wangfang',
    'contact',
    {
      first_name: '芳',
      last_name: '王',
      email: 'wang.fang@xingchen.example.cn',
      phone: '+86 139 2100 8899',
      company_id: 'star',
      job_title: 'CTO',
      city: '上海',
      country: '中国',
      source: 'referral',
    },
    300,
    { tags: ['tech'] },
  );
  add(
    'zhangwei',
    'contact',
    {
      first_name: '伟',
      last_name: '张',
      email: 'zhang.wei@hztea.example.cn',
      phone: '+86 137 5555 0101',
      company_id: 'tea',
      job_title: '总经理',
      city: '杭州',
      country: '中国',
      source: 'referral',
    },
    360,
  );
  add(
    'chenjing',
    'contact',
    {
      first_name: '静',
      last_name: '陈',
      email: 'chen.jing@example.cn',
      job_title: '店主',
      city: '苏州',
      country: '中国',
      source: 'website',
    },
    90,
    { tags: ['retail'] },
  );
  add(
    'anna',
    'contact',
    {
      first_name: 'Anna',
      last_name: 'Schmidt',
      email: 'anna.schmidt@blueharbor.example.de',
      phone: '+49 40 5550 1234',
      company_id: 'harbor',
      job_title: 'Head of Purchasing',
      city: 'Hamburg',
      country: 'Germany',
      source: 'event',
    },
    200,
  );
  add(
    'john',
    'contact',
    {
      first_name: 'John',
      last_name: 'Carter',
      email: 'john@northwind.example.com',
      phone: '+1 206 555 0142',
      company_id: 'northwind',
      job_title: 'Owner',
      city: 'Seattle',
      country: 'United States',
      source: 'import',
    },
    280,
    { tags: ['vip'] },
  );
  add(
    'maria',
    'contact',
    {
      first_name: 'María',
      last_name: 'García',
      email: 'maria.garcia@example.es',
      city: 'Valencia',
      country: 'Spain',
      source: 'website',
    },
    40,
  );

  add(
    'rel1',
    'relationship',
    {
      contact_id: 'zhangwei',
      kind: 'manager',
      other_contact_id: 'liming',
      started_on: '2019-03-01',
    },
    350,
  );
  add(
    'rel2',
    'relationship',
    { contact_id: 'liming', kind: 'employee', company_id: 'tea', started_on: '2015-07-15' },
    350,
  );

  add(
    'deal1',
    'deal',
    {
      title: '秋季龙井批发',
      contact_id: 'liming',
      company_id: 'tea',
      stage: 'negotiation',
      probability: 75,
      value: 86_000,
      currency: 'CNY',
      expected_close: date(-21),
      source: 'referral',
    },
    30,
  );
  add(
    'deal2',
    'deal',
    {
      title: 'CRM rollout for stores',
      contact_id: 'john',
      company_id: 'northwind',
      stage: 'proposal',
      probability: 50,
      value: 24_500,
      currency: 'USD',
      expected_close: date(-45),
      source: 'inbound',
    },
    60,
  );
  add(
    'deal3',
    'deal',
    {
      title: '年度茶礼采购',
      contact_id: 'wangfang',
      company_id: 'star',
      stage: 'won',
      probability: 100,
      value: 32_000,
      currency: 'CNY',
      expected_close: date(10),
      closed_on: date(12),
      source: 'referral',
    },
    120,
  );
  add(
    'deal4',
    'deal',
    {
      title: 'Hamburg showroom tea bar',
      contact_id: 'anna',
      company_id: 'harbor',
      stage: 'qualified',
      probability: 25,
      value: 12_800,
      currency: 'EUR',
      expected_close: date(-70),
      source: 'outbound',
    },
    20,
  );

  add(
    'act1',
    'activity',
    {
      kind: 'call',
      subject: '电话确认秋季报价',
      body: '李明希望价格再降5%，下周回复。',
      contact_id: 'liming',
      company_id: 'tea',
      deal_id: 'deal1',
      occurred_at: ago(2, 7),
      done: true,
    },
    3,
  );
  add(
    'act2',
    'activity',
    {
      kind: 'task',
      subject: 'Send revised proposal',
      contact_id: 'john',
      company_id: 'northwind',
      deal_id: 'deal2',
      due_on: date(-3),
      done: false,
    },
    5,
  );
  add(
    'act3',
    'activity',
    {
      kind: 'note',
      subject: '拜访杭州仓库',
      body: '仓库整洁，秋茶库存充足。张伟希望十月前补货。',
      contact_id: 'zhangwei',
      company_id: 'tea',
      occurred_at: ago(12, 2),
      done: false,
    },
    14,
  );
  add(
    'act4',
    'activity',
    {
      kind: 'call',
      subject: 'Intro call with Anna',
      body: 'Interested in a tasting for their showroom.',
      contact_id: 'anna',
      company_id: 'harbor',
      deal_id: 'deal4',
      occurred_at: ago(18, 9),
      done: true,
    },
    19,
  );
  add(
    'act5',
    'activity',
    {
      kind: 'note',
      subject: '样品反馈',
      body: '团队很喜欢白茶样品。',
      contact_id: 'wangfang',
      company_id: 'star',
      occurred_at: ago(7, 6),
      done: false,
    },
    7,
  );

  add(
    'p1',
    'product',
    {
      name: '西湖龙井 250g',
      sku: 'LJ-250',
      price: 368,
      currency: 'CNY',
      category: '绿茶',
      active: true,
      description: '明前特级',
    },
    400,
  );
  add(
    'p2',
    'product',
    {
      name: '安吉白茶 100g',
      sku: 'BC-100',
      price: 198,
      currency: 'CNY',
      category: '白茶',
      active: true,
    },
    400,
  );
  add(
    'p3',
    'product',
    {
      name: 'Tea tasting set',
      sku: 'SET-01',
      price: 49.9,
      currency: 'EUR',
      category: 'Gifts',
      active: true,
    },
    200,
  );
  add(
    'p4',
    'product',
    {
      name: 'Gift box (discontinued)',
      sku: 'GB-OLD',
      price: 88,
      currency: 'CNY',
      category: 'Gifts',
      active: false,
    },
    500,
  );

  add(
    'o1',
    'order',
    {
      number: 'SO-2025-0141',
      contact_id: 'liming',
      company_id: 'tea',
      ordered_on: date(45),
      status: 'paid',
      total: 18_400,
      currency: 'CNY',
      channel: 'wholesale',
    },
    45,
  );
  add(
    'o2',
    'order',
    {
      number: 'SO-2025-0178',
      contact_id: 'wangfang',
      company_id: 'star',
      ordered_on: date(9),
      status: 'shipped',
      total: 9_900,
      currency: 'CNY',
      channel: 'online',
    },
    9,
  );
  add(
    'o3',
    'order',
    {
      number: 'SO-2025-0180',
      contact_id: 'anna',
      company_id: 'harbor',
      ordered_on: date(4),
      status: 'placed',
      total: 499,
      currency: 'EUR',
      channel: 'phone',
    },
    4,
  );
  add(
    'ol1',
    'order_line',
    {
      order_id: 'o1',
      product_id: 'p1',
      description: '西湖龙井 250g',
      quantity: 50,
      unit_price: 368,
      amount: 18_400,
    },
    45,
  );
  add(
    'ol2',
    'order_line',
    {
      order_id: 'o2',
      product_id: 'p2',
      description: '安吉白茶 100g',
      quantity: 50,
      unit_price: 198,
      amount: 9_900,
    },
    9,
  );
  add(
    'ol3',
    'order_line',
    {
      order_id: 'o3',
      product_id: 'p3',
      description: 'Tea tasting set',
      quantity: 10,
      unit_price: 49.9,
      amount: 499,
    },
    4,
  );

  add(
    't1',
    'ticket',
    {
      subject: '包装破损',
      description: '三箱中有一箱外包装破损，需要补发。',
      contact_id: 'liming',
      company_id: 'tea',
      order_id: 'o1',
      status: 'open',
      priority: 'high',
      category: 'Delivery',
      opened_at: ago(1, 3),
      follow_up_on: date(-2),
    },
    1,
  );
  add(
    't2',
    'ticket',
    {
      subject: 'Invoice address wrong',
      contact_id: 'john',
      company_id: 'northwind',
      status: 'resolved',
      priority: 'normal',
      category: 'Billing',
      opened_at: ago(25, 16),
      resolved_at: ago(23, 11),
    },
    25,
  );

  add(
    'c1',
    'campaign',
    {
      name: '中秋茶礼 2025',
      channel: 'email',
      status: 'active',
      starts_on: date(15),
      ends_on: date(-15),
      budget: 5_000,
      currency: 'CNY',
    },
    20,
  );
  add(
    'cm1',
    'campaign_member',
    {
      campaign_id: 'c1',
      contact_id: 'liming',
      status: 'responded',
      responded_at: ago(6, 8),
      response: '想要 20 盒礼盒装。',
    },
    15,
  );
  add(
    'cm2',
    'campaign_member',
    { campaign_id: 'c1', contact_id: 'chenjing', status: 'invited' },
    15,
  );

  add(
    'f1',
    'feedback',
    {
      contact_id: 'liming',
      order_id: 'o1',
      rating: 5,
      nps: 9,
      comment: '茶叶品质很好，物流可以更快。',
      channel: 'survey',
      received_at: ago(30, 4),
    },
    30,
  );
  add(
    'f2',
    'feedback',
    {
      contact_id: 'john',
      ticket_id: 't2',
      rating: 3,
      nps: 6,
      comment: 'Good tea, but the invoice mix-up cost us a week.',
      channel: 'email',
      received_at: ago(20, 17),
    },
    20,
  );
  return rows;
}
