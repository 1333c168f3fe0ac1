//! The mock's demo workspace: a few companies and people (several with Chinese names),
//! with deals, activities, orders, tickets, a campaign and feedback around them.
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
  const ago = (days: number, hour = 10): string => {
    const date = new Date(now.getTime() - days * day);
    date.setUTCHours(hour, 0, 0, 0);
    return date.toISOString();
  };
  const date = (days: number): string => ago(days).slice(0, 10);
  const rows: SeedRow[] = [];
  const add = (
    key: string,
    kind: Kind,
    values: Record<string, Value>,
    days: number,
    extra: Pick<SeedRow, 'tags' | 'custom'> = {},
  ) => rows.push({ key, kind, values, at: ago(days, 9), ...extra });

  add(
    'tea',
    'company',
    {
      name: '杭州茶叶有限公司',
      industry: 'Food & beverage',
      website: 'www.hztea.example.cn',
      phone: '+86 571 8765 4321',
      city: '杭州',
      country: '中国',
      employees: 48,
      annual_revenue: 12_500_000,
      currency: 'CNY',
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
      website: 'https://xingchen.example.cn',
      city: '上海',
      country: '中国',
      employees: 130,
      annual_revenue: 38_000_000,
      currency: 'CNY',
    },
    320,
  );
  add(
    'northwind',
    'company',
    {
      name: 'Northwind Traders',
      industry: 'Retail',
      website: 'https://northwind.example.com',
      city: 'Seattle',
      country: 'United States',
      employees: 220,
      annual_revenue: 4_200_000,
      currency: 'USD',
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
      city: 'Hamburg',
      country: 'Germany',
      employees: 75,
      currency: 'EUR',
    },
    210,
  );

  add(
    'liming',
    'contact',
    {
      name: '李明',
      email: 'li.ming@hztea.example.cn',
      phone: '+86 138 0571 2233',
      company: 'tea',
      job_title: '采购经理',
      city: '杭州',
      birthday: '1986-04-12',
      source: 'Trade show',
      vip: true,
      notes: '喜欢龙井，每季度下单一次。Prefers WeChat over email.',
    },
    380,
    { tags: ['vip', '龙井'], custom: { 微信: 'liming_hz' } },
  );
  add(
    'wangfang',
    'contact',
    {
      name: '王芳',
      email: 'wang.fang@xingchen.example.cn',
      phone: '+86 139 2100 8899',
      company: 'star',
      job_title: 'CTO',
      city: '上海',
      source: 'Referral',
      vip: false,
    },
    300,
    { tags: ['tech'] },
  );
  add(
    'zhangwei',
    'contact',
    {
      name: '张伟',
      email: 'zhang.wei@hztea.example.cn',
      phone: '+86 137 5555 0101',
      company: 'tea',
      job_title: '总经理',
      city: '杭州',
      source: 'Referral',
    },
    360,
  );
  add(
    'chenjing',
    'contact',
    {
      name: '陈静',
      email: 'chen.jing@example.cn',
      city: '苏州',
      job_title: '店主',
      source: 'Website',
    },
    90,
    { tags: ['retail'] },
  );
  add(
    'anna',
    'contact',
    {
      name: 'Anna Schmidt',
      email: 'anna.schmidt@blueharbor.example.de',
      phone: '+49 40 5550 1234',
      company: 'harbor',
      job_title: 'Head of Purchasing',
      city: 'Hamburg',
      source: 'Trade show',
    },
    200,
  );
  add(
    'john',
    'contact',
    {
      name: 'John Carter',
      email: 'john@northwind.example.com',
      phone: '+1 206 555 0142',
      company: 'northwind',
      job_title: 'Owner',
      city: 'Seattle',
      source: 'Import',
      vip: true,
    },
    280,
    { tags: ['vip'] },
  );
  add(
    'maria',
    'contact',
    {
      name: 'María García',
      email: 'maria.garcia@example.es',
      city: 'Valencia',
      source: 'Website',
    },
    40,
  );

  add(
    'rel1',
    'relationship',
    { from_contact: 'zhangwei', type: 'Manager', to_contact: 'liming', start_date: '2019-03-01' },
    350,
  );
  add(
    'rel2',
    'relationship',
    { from_contact: 'liming', type: 'Employee', to_company: 'tea', start_date: '2015-07-15' },
    350,
  );

  add(
    'deal1',
    'deal',
    {
      name: '秋季龙井批发',
      company: 'tea',
      contact: 'liming',
      stage: 'Negotiation',
      value: 86_000,
      currency: 'CNY',
      expected_close: date(-21),
    },
    30,
  );
  add(
    'deal2',
    'deal',
    {
      name: 'CRM rollout for stores',
      company: 'northwind',
      contact: 'john',
      stage: 'Proposal',
      value: 24_500,
      currency: 'USD',
      expected_close: date(-45),
    },
    60,
  );
  add(
    'deal3',
    'deal',
    {
      name: '年度茶礼采购',
      company: 'star',
      contact: 'wangfang',
      stage: 'Won',
      value: 32_000,
      currency: 'CNY',
      expected_close: date(10),
    },
    120,
  );
  add(
    'deal4',
    'deal',
    {
      name: 'Hamburg showroom tea bar',
      company: 'harbor',
      contact: 'anna',
      stage: 'Qualified',
      value: 12_800,
      currency: 'EUR',
      expected_close: date(-70),
    },
    20,
  );

  add(
    'act1',
    'activity',
    {
      subject: '电话确认秋季报价',
      type: 'call',
      contact: 'liming',
      company: 'tea',
      deal: 'deal1',
      due: ago(2, 7),
      done: true,
      body: '李明希望价格再降5%，下周回复。',
    },
    3,
  );
  add(
    'act2',
    'activity',
    {
      subject: 'Send revised proposal',
      type: 'task',
      contact: 'john',
      company: 'northwind',
      deal: 'deal2',
      due: ago(-3, 15),
      done: false,
    },
    5,
  );
  add(
    'act3',
    'activity',
    {
      subject: '拜访杭州仓库',
      type: 'meeting',
      contact: 'zhangwei',
      company: 'tea',
      due: ago(12, 2),
      done: true,
    },
    14,
  );
  add(
    'act4',
    'activity',
    {
      subject: 'Intro call with Anna',
      type: 'call',
      contact: 'anna',
      company: 'harbor',
      deal: 'deal4',
      due: ago(18, 9),
      done: true,
      body: 'Interested in a tasting for their showroom.',
    },
    19,
  );
  add(
    'act5',
    'activity',
    {
      subject: '样品反馈',
      type: 'note',
      contact: 'wangfang',
      company: 'star',
      due: ago(7, 6),
      done: true,
      body: '团队很喜欢白茶样品。',
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
      active: true,
      description: '明前特级',
    },
    400,
  );
  add(
    'p2',
    'product',
    { name: '安吉白茶 100g', sku: 'BC-100', price: 198, currency: 'CNY', active: true },
    400,
  );
  add(
    'p3',
    'product',
    { name: 'Tea tasting set', sku: 'SET-01', price: 49.9, currency: 'EUR', active: true },
    200,
  );
  add(
    'p4',
    'product',
    { name: 'Gift box (discontinued)', sku: 'GB-OLD', price: 88, currency: 'CNY', active: false },
    500,
  );

  add(
    'o1',
    'order',
    {
      number: 'SO-2025-0141',
      contact: 'liming',
      company: 'tea',
      ordered_on: date(45),
      status: 'Paid',
      total: 18_400,
      currency: 'CNY',
    },
    45,
  );
  add(
    'o2',
    'order',
    {
      number: 'SO-2025-0178',
      contact: 'wangfang',
      company: 'star',
      ordered_on: date(9),
      status: 'Shipped',
      total: 9_900,
      currency: 'CNY',
    },
    9,
  );
  add(
    'o3',
    'order',
    {
      number: 'SO-2025-0180',
      contact: 'anna',
      company: 'harbor',
      ordered_on: date(4),
      status: 'Confirmed',
      total: 499,
      currency: 'EUR',
    },
    4,
  );
  add(
    'ol1',
    'order_line',
    { order: 'o1', product: 'p1', quantity: 50, unit_price: 368, currency: 'CNY' },
    45,
  );
  add(
    'ol2',
    'order_line',
    { order: 'o2', product: 'p2', quantity: 50, unit_price: 198, currency: 'CNY' },
    9,
  );
  add(
    'ol3',
    'order_line',
    { order: 'o3', product: 'p3', quantity: 10, unit_price: 49.9, currency: 'EUR' },
    4,
  );

  add(
    't1',
    'ticket',
    {
      subject: '包装破损',
      contact: 'liming',
      status: 'open',
      priority: 'high',
      category: 'Delivery',
      opened_at: ago(1, 3),
      description: '三箱中有一箱外包装破损，需要补发。',
    },
    1,
  );
  add(
    't2',
    'ticket',
    {
      subject: 'Invoice address wrong',
      contact: 'john',
      status: 'resolved',
      priority: 'normal',
      category: 'Billing',
      opened_at: ago(25, 16),
    },
    25,
  );

  add(
    'c1',
    'campaign',
    {
      name: '中秋茶礼 2025',
      channel: 'email',
      status: 'running',
      start_date: date(15),
      end_date: date(-15),
      budget: 5_000,
      currency: 'CNY',
    },
    20,
  );
  add(
    'cm1',
    'campaign_member',
    { campaign: 'c1', contact: 'liming', status: 'responded', responded_on: date(6) },
    15,
  );
  add('cm2', 'campaign_member', { campaign: 'c1', contact: 'chenjing', status: 'invited' }, 15);

  add(
    'f1',
    'feedback',
    {
      contact: 'liming',
      received_on: date(30),
      rating: 5,
      nps: 9,
      text: '茶叶品质很好，物流可以更快。',
    },
    30,
  );
  add(
    'f2',
    'feedback',
    {
      contact: 'john',
      received_on: date(20),
      rating: 3,
      nps: 6,
      text: 'Good tea, but the invoice mix-up cost us a week.',
    },
    20,
  );
  return rows;
}
