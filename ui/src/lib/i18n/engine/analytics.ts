//! The analytics' notes and cluster names in Chinese: lifetime value (`ValueNote`,
//! src/analytics/mod.rs), RFM (`RfmNote`, src/analytics/rfm.rs), k-means segments
//! (`SegmentNote` and `ClusterName`, src/analytics/segments.rs) and satisfaction with the
//! ticket categories (`SatisfactionNote`, src/analytics/satisfaction.rs).
import type { ApartBy } from '../../../ipc/bindings/ApartBy';
import type { ClusterName } from '../../../ipc/bindings/ClusterName';
import type { Rank } from '../../../ipc/bindings/Rank';
import type { RfmNote } from '../../../ipc/bindings/RfmNote';
import type { SatisfactionNote } from '../../../ipc/bindings/SatisfactionNote';
import type { SegmentNote } from '../../../ipc/bindings/SegmentNote';
import type { Activity } from '../../../ipc/bindings/Activity';
import type { ValueNote } from '../../../ipc/bindings/ValueNote';
import { formatDate, formatDecimal } from '../../format';
import { i18n } from '../index.svelte';
import { type ZhCatalog, zhNumber, zhSaid } from '../said';

/** An average amount as the notes write it (two decimals). */
function zhAmount(value: number): string {
  return formatDecimal(value, 2, 'zh-CN');
}

/** Customers valued at their own average purchase, the end of both spend-model notes. */
function valuedAtTheirAverage(customers: number, average: number): string {
  return `${zhNumber(customers)} 位客户按其自身的平均每次购买金额估值，只购买过一次的客户按整体平均值（${zhAmount(average)}）估值。`;
}

export const ZH_VALUE_NOTES: ZhCatalog<ValueNote> = {
  mixed_currencies: ({ currencies }) =>
    `订单使用了 ${zhNumber(currencies.length)} 种货币（${currencies
      .map(
        ([currency, orders]) => `${currency === '' ? '未填货币' : currency} × ${zhNumber(orders)}`,
      )
      .join('、')}）：金额按原样相加，未做换算。`,
  orders_left_out: (n) =>
    `有 ${zhNumber(n.total)} 个订单未计入：${zhNumber(n.not_sales)} 个为草稿、已取消或已退款，${zhNumber(n.without_contact)} 个没有联系人，${zhNumber(n.without_total)} 个没有总额，${zhNumber(n.zero_total)} 个总额为零。`,
  orders_after: ({ orders, as_of }) =>
    `${formatDate(as_of, 'zh-CN')}之后的 ${zhNumber(orders)} 个订单未计入。`,
  no_purchases: () => '还没有购买记录：客户终身价值需要联系人的订单。',
  not_enough_repeat_customers: ({ model, needed, have }) =>
    `${model} 模型至少需要 ${zhNumber(needed)} 位有复购的客户，目前有 ${zhNumber(have)} 位。请先积累更多购买记录，再估算客户价值。`,
  no_variation: ({ model }) => `${model}：每位客户的购买记录完全相同，模型无法估计客户之间的差异。`,
  no_observation_time: () =>
    'BG/NBD：所有客户都在分析当天才首次购买，没有可用来估计购买频率的观察期。',
  not_identifiable: ({ model, parameter, direction }) =>
    `${model}：数据无法确定参数 ${parameter}（它趋向${direction === 'zero' ? '零' : '无穷大'}）；请使用更多样的数据，或加入较小的惩罚项（如 0.001）。`,
  did_not_converge: ({ model, iterations }) =>
    `${model}：拟合在 ${zhNumber(iterations)} 次迭代内未收敛。`,
  fit_failed: ({ reason }) => `无法拟合模型：${reason}`,
  rough_estimates: ({ repeat_customers, wanted }) =>
    `只有 ${zhNumber(repeat_customers)} 位客户在不止一天有过购买：达到 ${zhNumber(wanted)} 位或更多之前，估算结果只能作粗略参考。`,
  penalized: ({ penalizer }) =>
    `仅凭订单无法确定购买模型，已加入一个小的惩罚项（${penalizer}）进行拟合。`,
  spend_has_no_mean: ({ q, customers, overall_average }) =>
    `客户之间的消费差异太大，消费模型没有均值（q = ${formatDecimal(q, 2, 'zh-CN')}）：${valuedAtTheirAverage(customers, overall_average)}`,
  spend_not_fitted: ({ customers, overall_average }) =>
    `复购太少，无法拟合消费模型：${valuedAtTheirAverage(customers, overall_average)}`,
};

export const ZH_RFM_NOTES: ZhCatalog<RfmNote> = {
  no_customers: () => '还没有下过单的客户：无法评分。',
  few_customers: ({ customers }) =>
    `只有 ${zhNumber(customers)} 位下过单的客户：评分只能作粗略参考。`,
};

/** A feature column of the segments in Chinese (an extra column by its own name). */
function zhColumn(column: string): string {
  if (column === 'recency_days') return '距上次下单天数';
  if (column === 'orders') return '订单数';
  if (column === 'spend') return '消费额';
  return column;
}

export const ZH_SEGMENT_NOTES: ZhCatalog<SegmentNote> = {
  same_for_everyone: ({ column }) => `每位客户的${zhColumn(column)}都相同，因此它无法区分客户群。`,
  no_customers: () => '没有可划分客户群的客户。',
  one_customer: () => '只有 1 位客户：一个客户群。',
  all_alike: ({ customers }) => `全部 ${zhNumber(customers)} 位客户在每一项上都相同：一个客户群。`,
  fewer_segments_than_asked: ({ asked, distinct }) =>
    `要求分成 ${zhNumber(asked)} 个客户群，但互不相同的客户只有 ${zhNumber(distinct)} 位：已分成 ${zhNumber(distinct)} 个。`,
  too_few_to_split: ({ customers }) =>
    `${zhNumber(customers)} 位客户太少，无法再细分：一个客户群。`,
};

/** How recently and often a cluster buys, as a Chinese noun. */
const ZH_ACTIVITY: Record<Activity, string> = {
  loyal_regulars: '忠实常客',
  new: '新客户',
  active: '活跃客户',
  regulars: '常客',
  occasional: '偶尔购买的客户',
  steady: '稳定客户',
  lapsing_regulars: '即将流失的常客',
  lapsing_one_off_buyers: '即将流失的一次性买家',
  lapsing: '即将流失的客户',
  lapsed_regulars: '已流失的常客',
  lapsed_one_off_buyers: '已流失的一次性买家',
  lapsed: '已流失的客户',
};

/** What tells a cluster apart from others of the same name, in Chinese. */
function zhApart({ column, rank }: ApartBy): string {
  const words: Partial<Record<string, Record<Rank, string>>> = {
    recency_days: { lower: '购买较近', mid: '购买远近居中', higher: '购买较远' },
    orders: { lower: '订单较少', mid: '订单居中', higher: '订单较多' },
    spend: { lower: '消费较低', mid: '消费居中', higher: '消费较高' },
  };
  const other: Record<Rank, string> = { lower: '较低', mid: '居中', higher: '较高' };
  return words[column]?.[rank] ?? `${column}${other[rank]}`;
}

export const ZH_CLUSTER_NAMES: ZhCatalog<ClusterName> = {
  all_customers: () => '全部客户',
  no_differences: () => '所有客户（彼此无差异）',
  described: ({ activity, spend, apart, number }) => {
    const who = ZH_ACTIVITY[activity];
    const named = spend === 'high' ? `高价值${who}` : spend === 'low' ? `低消费${who}` : who;
    const told = apart ? `${named}（${zhApart(apart)}）` : named;
    return number === null ? told : `${told} #${number}`;
  },
};

/** A cluster's name in the window's language (the English `name` is what the figures store). */
export function clusterLabel(cluster: { name: string; code: ClusterName }): string {
  return i18n.language === 'zh' ? zhSaid(cluster.code, ZH_CLUSTER_NAMES) : cluster.name;
}

/**
 * A cluster's name as a customer's `cluster` figure stores it (the English name), in the
 * window's language by the stored run's clusters; as stored when no cluster has that name (an
 * older run's).
 */
export function storedClusterLabel(
  name: string,
  clusters: ReadonlyArray<{ name: string; code: ClusterName }> | null,
): string {
  const cluster = clusters?.find((candidate) => candidate.name === name);
  return cluster ? clusterLabel(cluster) : name;
}

export const ZH_SATISFACTION_NOTES: ZhCatalog<SatisfactionNote> = {
  no_ratings: () => '还没有 1–5 分的满意度评分。',
  no_nps_scores: () => '还没有 0–10 分的 NPS 评分。',
  too_few_tickets: ({ have, need }) =>
    `已分类的工单只有 ${zhNumber(have)} 个，类别建议至少需要 ${zhNumber(need)} 个。`,
  too_few_categories: ({ usable, per_category }) =>
    `类别建议至少需要 2 个各有 ${zhNumber(per_category)} 个以上工单的类别，${
      usable === 0 ? '目前没有类别' : `目前只有 ${zhNumber(usable)} 个类别`
    }达到。`,
  no_known_words: () => '这个工单的词语都没有出现在已分类的工单中。',
  not_confident: ({ best_percent, needed_percent }) =>
    `把握不足：最可能的类别只有 ${Math.round(best_percent)}%（给出建议需要 ${Math.round(needed_percent)}%）。`,
};
