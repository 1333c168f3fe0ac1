//! The mock's analytics: the engine's reports in small, over the mock's records, typed with the
//! generated bindings. The models are stand-ins (plain ranks and averages, not quintiles,
//! k-means or BG/NBD), but the shapes, the stored per-contact figures and per-deal scores, the
//! stored runs (`analytics_run`: reports cut to the first rows), the list figures with their
//! sorts and comparison filters, and the sentences for thin data follow `src/analytics/`
//! (`mod.rs`, `pipeline.rs`, `refresh.rs`, `rfm.rs`, `segments.rs`, `clv.rs`, `lead_score.rs`,
//! `satisfaction.rs`, `dashboard.rs`, `score_rules.rs`), `src/store/analytics.rs` and
//! `src/store/figures.rs`.
import type { ChartExport } from '../bindings/ChartExport';
import type { Cluster } from '../bindings/Cluster';
import type { CustomerFigures } from '../bindings/CustomerFigures';
import type { CustomerRfm } from '../bindings/CustomerRfm';
import type { CustomerValue } from '../bindings/CustomerValue';
import type { DealScoreView } from '../bindings/DealScoreView';
import type { EntityRecord } from '../bindings/EntityRecord';
import type { ErrorReport } from '../bindings/ErrorReport';
import type { Factor } from '../bindings/Factor';
import type { Forecast } from '../bindings/Forecast';
import type { ForecastMonth } from '../bindings/ForecastMonth';
import type { Kind } from '../bindings/Kind';
import type { Kpis } from '../bindings/Kpis';
import type { MetricColumn } from '../bindings/MetricColumn';
import type { RfmView } from '../bindings/RfmView';
import type { RowFigures } from '../bindings/RowFigures';
import type { RuleView } from '../bindings/RuleView';
import type { SatisfactionView } from '../bindings/SatisfactionView';
import type { ScoredDeal } from '../bindings/ScoredDeal';
import type { ScoreRules } from '../bindings/ScoreRules';
import type { ScoreView } from '../bindings/ScoreView';
import type { Segment } from '../bindings/Segment';
import type { SegmentCount } from '../bindings/SegmentCount';
import type { SegmentView } from '../bindings/SegmentView';
import type { StoredRun } from '../bindings/StoredRun';
import type { TargetReport } from '../bindings/TargetReport';
import type { TextSentiment } from '../bindings/TextSentiment';
import type { ValueReport } from '../bindings/ValueReport';

/** What the analytics read from the mock's store, and the one write they make. */
export type AnalyticsSource = {
  /** The live records of a kind. */
  rows(kind: Kind): EntityRecord[];
  /** The analysis day when none is given. */
  today(): string;
  /** The instant now, RFC 3339 UTC (when a run is stored). */
  now(): string;
  /** Adds a contact to a campaign as invited (a logged write, like any other). */
  invite(campaignId: string, contactId: string): void;
};

/** The dashboard's charts, as `dashboard::CHARTS` lists them. */
export const MOCK_CHARTS: ReadonlyArray<[string, string]> = [
  ['revenue', 'Revenue by month'],
  ['funnel', 'Pipeline by stage'],
  ['forecast', 'Forecast: weighted pipeline and won revenue'],
  ['segments', 'Customer segments'],
  ['rfm', 'Recency × frequency'],
  ['clv', 'Lifetime value (365 days)'],
  ['satisfaction', 'Satisfaction by month'],
  ['places', 'Customers by city'],
  ['tickets', 'Tickets by category'],
];

/** The ten R×F segments, best first, with their names and descriptions (`rfm::Segment`). */
export const MOCK_SEGMENTS: ReadonlyArray<[Segment, string, string]> = [
  ['champions', 'Champions', 'Bought recently and often: reward them and ask for referrals.'],
  ['loyal', 'Loyal', 'Buy often and fairly recently: keep them close, offer more.'],
  [
    'potential_loyalists',
    'Potential Loyalists',
    'Recent customers with a few orders: a nudge can make them loyal.',
  ],
  [
    'new_customers',
    'New Customers',
    'First order very recently: welcome them and help them start.',
  ],
  ['promising', 'Promising', 'Recent single order: build the relationship early.'],
  [
    'need_attention',
    'Need Attention',
    'Middling on recency and frequency: re-engage before they slip.',
  ],
  ['about_to_sleep', 'About to Sleep', 'Few orders, not lately: reach out before they lapse.'],
  ['at_risk', 'At Risk', 'Bought regularly, but not for a while: win them back.'],
  ['cant_lose', "Can't Lose", 'Used to be among the most frequent, now gone quiet: call them.'],
  ['hibernating', 'Hibernating', 'Few orders, long ago: low priority, try a reactivation offer.'],
];

/** `rfm::Segment::from_scores`. */
export function segmentOf(r: number, f: number): Segment {
  if (r <= 2) return f <= 2 ? 'hibernating' : f <= 4 ? 'at_risk' : 'cant_lose';
  if (r === 3) return f <= 2 ? 'about_to_sleep' : f === 3 ? 'need_attention' : 'loyal';
  if (f >= 4) return r === 4 ? 'loyal' : 'champions';
  if (f === 1) return r === 4 ? 'promising' : 'new_customers';
  return 'potential_loyalists';
}

const PURCHASE_STATUSES = ['placed', 'paid', 'shipped', 'delivered'];
const THIN_DATA_BELOW = 20;
const MIN_REPEAT_CUSTOMERS = 5;
const MIN_CLOSED_DEALS = 20;
const MIN_PER_CLASS = 5;
const MIN_CATEGORISED_TICKETS = 20;
const DAY = 86_400_000;
/** Rows of a per-customer (per-deal) list a stored report keeps (`analytics::STORED_ROWS`). */
export const STORED_ROWS = 100;

/** The stored analyses by the name `analyze_report` takes (`MetricSet::name`). */
export const ANALYSES = ['rfm', 'segments', 'clv', 'scores'] as const;
export type AnalysisName = (typeof ANALYSES)[number];

/** The figures a contacts list sorts and filters by (`store/figures.rs`): text or number. */
export const FIGURES: Readonly<Record<keyof RowFigures, 'text' | 'number'>> = {
  rfm_segment: 'text',
  cluster: 'text',
  rfm: 'number',
  clv_365: 'number',
  lead_score: 'number',
};
export type FigureName = keyof RowFigures;

export function isFigure(name: string): name is FigureName {
  return Object.hasOwn(FIGURES, name);
}

/** A parsed figure filter: equal text, or a number comparison (`>=70`, `<100`, `3`). */
export type FigureFilter =
  | { name: FigureName; op: 'text'; text: string }
  | { name: FigureName; op: '<=' | '>=' | '<' | '>' | '='; value: number };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `figures::filter_clause`: the filter, or the reason its value cannot filter. */
export function parseFigureFilter(
  name: FigureName,
  raw: string,
): FigureFilter | { reason: string } {
  const text = raw.trim();
  if (FIGURES[name] === 'text') return { name, op: 'text', text };
  const op = (['<=', '>=', '<', '>', '='] as const).find((candidate) => text.startsWith(candidate));
  const rest = (op ? text.slice(op.length) : text).trim();
  const value = Number(rest);
  if (!NUMBER.test(rest) || !Number.isFinite(value)) {
    return { reason: `'${text}' is not a number or a comparison such as >=70, <100 or =3` };
  }
  return { name, op: op ?? '=', value };
}

/** Score of a deal before any rule's points are added (`RULE_BASE_SCORE`). */
export const RULE_BASE_SCORE = 50;
/** Largest points of one rule either way (`MAX_RULE_POINTS`). */
export const MAX_RULE_POINTS = 100;

/**
 * The engine's rules (`lead_score::default_rules`) in its order, with their default points.
 * The mock checks only those it has a stand-in for (`value_above_median`, the two stages,
 * `referral`, `old_deal`); the others it lists and stores points for, but never finds holding.
 */
export const MOCK_RULES: ReadonlyArray<{ id: string; description: string; points: number }> = [
  { id: 'recent_meeting', description: 'meeting in the last 14 days', points: 15 },
  { id: 'recent_call', description: 'call in the last 14 days', points: 8 },
  { id: 'recent_email', description: 'email in the last 14 days', points: 5 },
  { id: 'no_activity_30d', description: 'no activity for 30 days', points: -20 },
  { id: 'email_given', description: 'email given', points: 5 },
  { id: 'phone_given', description: 'phone given', points: 5 },
  { id: 'job_title_given', description: 'job title given', points: 3 },
  { id: 'value_above_median', description: 'deal value above the median', points: 10 },
  { id: 'repeat_customer', description: 'company has won deals before', points: 10 },
  { id: 'referral', description: 'came by referral', points: 10 },
  { id: 'stage_proposal', description: 'at proposal stage', points: 5 },
  { id: 'stage_negotiation', description: 'at negotiation stage', points: 10 },
  { id: 'old_deal', description: 'open for 180 days or more', points: -10 },
];

/** `signed`: +10, −10 (a minus sign), 0. */
function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0';
}

type Purchase = { contact: string; day: string; amount: number; currency: string };
type Customer = {
  id: string;
  name: string;
  orders: number;
  spendCents: number;
  first: string;
  last: string;
  days: Set<string>;
};

function fail(code: ErrorReport['code'], field: string, reason: string): never {
  const report: ErrorReport = { code, message: `${field}: ${reason}`, issues: [{ field, reason }] };
  throw report;
}

function text(record: EntityRecord, field: string): string | null {
  const value = record.values[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

function number(record: EntityRecord, field: string): number | null {
  const value = record.values[field];
  return typeof value === 'number' ? value : null;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Scores 1–5 by rank (ties share the lower rank): a stand-in for the engine's quintiles. */
function rankScores(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return values.map((value) => {
    if (values.length === 1) return 3;
    const rank = sorted.indexOf(value) / (values.length - 1);
    return Math.min(5, 1 + Math.floor(rank * 5));
  });
}

/** Whether any analysis holds figures for a contact (else the engine drops its row). */
function reached(f: CustomerFigures): boolean {
  return (
    f.rfm_as_of !== null || f.cluster !== null || f.clv_as_of !== null || f.scores_as_of !== null
  );
}

function xml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c,
  );
}

export class MockAnalytics {
  /** The stored per-contact figures (`customer_metric`), by contact id. */
  private readonly metrics = new Map<string, CustomerFigures>();
  /** Each analysis' last run with its report as JSON (`analytics_run`). */
  private readonly runs = new Map<AnalysisName, StoredRun>();
  /** Each open deal's stored score with its factors (`analyze_deal_score`), as of the scores' day. */
  private readonly dealScores = new Map<string, { as_of: string; deal: ScoredDeal }>();
  /** The rule points the user changed, by rule id (`meta` `lead_score_points`). */
  private readonly rulePoints = new Map<string, number>();

  constructor(private readonly source: AnalyticsSource) {}

  /** Records a run with its report, per-customer list cut to the first `STORED_ROWS`. */
  private save(name: AnalysisName, asOf: string, report: unknown): void {
    this.runs.set(name, {
      name,
      computed_at: this.source.now().replace(/\.\d+Z$/, 'Z'),
      as_of: asOf,
      report: JSON.stringify(report),
    });
  }

  /** The rules with the user's points (`analyze_rules`). */
  scoreRules(): ScoreRules {
    return {
      base: RULE_BASE_SCORE,
      max_points: MAX_RULE_POINTS,
      rules: MOCK_RULES.map((r): RuleView => ({
        id: r.id,
        description: r.description,
        points: this.rulePoints.get(r.id) ?? r.points,
        default_points: r.points,
      })),
    };
  }

  /**
   * Sets the points of some rules (`analyze_rules_set`): every id must be a rule and every value
   * within ±100, else nothing changes and each problem is named. The default is no change.
   */
  setRulePoints(points: Record<string, number>): ScoreRules {
    const ids = Object.keys(points).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const issues: ErrorReport['issues'] = [];
    for (const id of ids) {
      const p = points[id] ?? 0;
      if (!MOCK_RULES.some((r) => r.id === id)) {
        issues.push({
          field: id,
          reason: `no rule is called '${id}' (rules: ${MOCK_RULES.map((r) => r.id).join(', ')})`,
        });
      } else if (Math.abs(p) > MAX_RULE_POINTS) {
        issues.push({
          field: id,
          reason: `${p} points is out of range: a rule gives between −${MAX_RULE_POINTS} and ${MAX_RULE_POINTS}`,
        });
      }
    }
    if (issues.length > 0) {
      const report: ErrorReport = {
        code: 'validation',
        message: issues.map((issue) => `${issue.field}: ${issue.reason}`).join('; '),
        issues,
      };
      throw report;
    }
    for (const id of ids) {
      const p = points[id] ?? 0;
      if (MOCK_RULES.find((r) => r.id === id)?.points === p) this.rulePoints.delete(id);
      else this.rulePoints.set(id, p);
    }
    return this.scoreRules();
  }

  /** Puts every rule back to its default points (`analyze_rules_reset`). */
  resetRulePoints(): ScoreRules {
    this.rulePoints.clear();
    return this.scoreRules();
  }

  /** The last stored run of an analysis, or null when it never ran (`stored_report`). */
  storedReport(name: string): StoredRun | null {
    if (!(ANALYSES as readonly string[]).includes(name)) {
      fail(
        'validation',
        'analysis',
        `no analysis is called '${name}' (analyses: ${ANALYSES.join(', ')})`,
      );
    }
    const run = this.runs.get(name as AnalysisName);
    return run ? structuredClone(run) : null;
  }

  /** A deal's stored score with how the scores were made (`analyze_deal_score`). */
  dealScore(dealId: string): DealScoreView | null {
    const stored = this.dealScores.get(dealId);
    const run = this.runs.get('scores');
    if (!stored || !run) return null;
    const { method } = JSON.parse(run.report) as ScoreView;
    return structuredClone({ as_of: stored.as_of, method, deal: stored.deal });
  }

  /** A contact's figures as a list row shows them; null when no analysis reached it. */
  rowFigures(contactId: string): RowFigures | null {
    const f = this.metrics.get(contactId);
    if (!f || !reached(f)) return null;
    return {
      rfm_segment: f.rfm_segment,
      rfm: f.r !== null && f.f !== null && f.m !== null ? `${f.r}${f.f}${f.m}` : null,
      cluster: f.cluster,
      clv_365: f.clv_365,
      lead_score: f.lead_score,
    };
  }

  /** One figure of a contact for sorting (`rfm` as r·100 + f·10 + m); null when missing. */
  figureValue(contactId: string, name: FigureName): string | number | null {
    const f = this.metrics.get(contactId);
    if (!f) return null;
    if (name === 'rfm')
      return f.r !== null && f.f !== null && f.m !== null ? f.r * 100 + f.f * 10 + f.m : null;
    return f[name];
  }

  /** Whether a contact's stored figure passes a filter. */
  matches(contactId: string, filter: FigureFilter): boolean {
    const value = this.figureValue(contactId, filter.name);
    if (value === null) return false;
    if (filter.op === 'text') return value === filter.text;
    const n = Number(value);
    switch (filter.op) {
      case '<=':
        return n <= filter.value;
      case '>=':
        return n >= filter.value;
      case '<':
        return n < filter.value;
      case '>':
        return n > filter.value;
      case '=':
        return n === filter.value;
    }
  }

  private figures(id: string): CustomerFigures {
    let found = this.metrics.get(id);
    if (!found) {
      found = {
        contact_id: id,
        rfm_as_of: null,
        recency_days: null,
        orders: null,
        spend: null,
        r: null,
        f: null,
        m: null,
        rfm_segment: null,
        rfm_segment_description: null,
        cluster: null,
        clv_as_of: null,
        p_alive: null,
        clv_90: null,
        clv_365: null,
        scores_as_of: null,
        lead_score: null,
        currency: null,
      };
      this.metrics.set(id, found);
    }
    return found;
  }

  /** The contact ids whose stored `column` is `value` (the list filter and targeting). */
  contactsWhere(column: MetricColumn, value: string): Set<string> {
    const ids = new Set<string>();
    for (const figures of this.metrics.values()) {
      if (figures[column] === value) ids.add(figures.contact_id);
    }
    return ids;
  }

  private purchases(asOf: string): { list: Purchase[]; leftOut: number; later: number } {
    let leftOut = 0;
    let later = 0;
    const list: Purchase[] = [];
    for (const order of this.source.rows('order')) {
      const status = text(order, 'status');
      const contact = text(order, 'contact_id');
      const amount = number(order, 'total');
      const day = text(order, 'ordered_on');
      if ((status && !PURCHASE_STATUSES.includes(status)) || !contact || amount === null || !day) {
        leftOut += 1;
        continue;
      }
      if (day > asOf) {
        later += 1;
        continue;
      }
      list.push({ contact, day, amount, currency: text(order, 'currency') ?? '' });
    }
    return { list, leftOut, later };
  }

  private currency(asOf: string): string | null {
    const counts = new Map<string, number>();
    for (const p of this.purchases(asOf).list) {
      if (p.currency) counts.set(p.currency, (counts.get(p.currency) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }

  private customers(asOf: string): Customer[] {
    const names = new Map(this.source.rows('contact').map((c) => [c.id, c.title]));
    const by = new Map<string, Customer>();
    for (const p of this.purchases(asOf).list) {
      const c = by.get(p.contact) ?? {
        id: p.contact,
        name: names.get(p.contact) ?? '(deleted contact)',
        orders: 0,
        spendCents: 0,
        first: p.day,
        last: p.day,
        days: new Set<string>(),
      };
      c.orders += 1;
      c.spendCents += Math.round(p.amount * 100);
      c.first = p.day < c.first ? p.day : c.first;
      c.last = p.day > c.last ? p.day : c.last;
      c.days.add(p.day);
      by.set(p.contact, c);
    }
    return [...by.values()];
  }

  rfmScores(asOf = this.source.today()): RfmView {
    const customers = this.customers(asOf);
    const r = rankScores(customers.map((c) => -daysBetween(c.last, asOf)));
    const f = rankScores(customers.map((c) => c.orders));
    const m = rankScores(customers.map((c) => c.spendCents));
    const scored: CustomerRfm[] = customers.map((c, i) => ({
      name: c.name,
      id: c.id,
      recency_days: Math.max(0, daysBetween(c.last, asOf)),
      frequency: c.orders,
      monetary_cents: c.spendCents,
      r: r[i] ?? 1,
      f: f[i] ?? 1,
      m: m[i] ?? 1,
      segment: segmentOf(r[i] ?? 1, f[i] ?? 1),
    }));
    scored.sort(
      (a, b) => b.r + b.f + b.m - (a.r + a.f + a.m) || b.monetary_cents - a.monetary_cents,
    );
    const segments: SegmentCount[] = MOCK_SEGMENTS.map(([segment, label, description]) => ({
      segment,
      label,
      description,
      count: scored.filter((c) => c.segment === segment).length,
    }));
    for (const figures of this.metrics.values()) {
      Object.assign(figures, {
        rfm_as_of: null,
        recency_days: null,
        orders: null,
        spend: null,
        r: null,
        f: null,
        m: null,
        rfm_segment: null,
        rfm_segment_description: null,
      });
    }
    const currency = this.currency(asOf);
    for (const c of scored) {
      const [, label, description] = MOCK_SEGMENTS.find(([s]) => s === c.segment) ?? [];
      Object.assign(this.figures(c.id), {
        rfm_as_of: asOf,
        recency_days: c.recency_days,
        orders: c.frequency,
        spend: c.monetary_cents / 100,
        r: c.r,
        f: c.f,
        m: c.m,
        rfm_segment: label ?? null,
        rfm_segment_description: description ?? null,
        currency,
      });
    }
    const n = scored.length;
    const view: RfmView = {
      as_of: asOf,
      scored: n,
      customers: scored,
      segments,
      thin_data:
        n === 0
          ? 'no customers with orders yet: nothing to score'
          : n < THIN_DATA_BELOW
            ? `only ${plural(n, 'customer', 'customers')} with orders: scores are rough`
            : null,
      orders_after: this.purchases(asOf).later,
    };
    this.save('rfm', asOf, { ...view, customers: scored.slice(0, STORED_ROWS) });
    this.forget();
    return view;
  }

  customerSegments(asOf = this.source.today(), k: number | null = null): SegmentView {
    const customers = this.customers(asOf).sort((a, b) => b.spendCents - a.spendCents);
    const n = customers.length;
    const view: SegmentView = {
      as_of: asOf,
      k: 0,
      k_choice: 'empty',
      assignments: [],
      clusters: [],
      inertia: 0,
      k_scores: [],
      silhouette_sample: n,
      columns: ['recency_days', 'orders', 'spend'],
      notes: [],
    };
    for (const figures of this.metrics.values()) figures.cluster = null;
    if (n === 0) {
      view.notes.push('no customers to segment');
      this.save('segments', asOf, view);
      this.forget();
      return view;
    }
    const groups: Customer[][] =
      n < 3
        ? [customers]
        : [customers.slice(0, Math.ceil(n / 2)), customers.slice(Math.ceil(n / 2))];
    const names = ['high value, loyal regulars', 'lapsing one-off buyers, low spend'];
    if (groups.length === 1) {
      view.notes.push(
        n === 1
          ? 'only 1 customer: one segment'
          : `${n} customers are too few to split into segments: one segment`,
      );
    }
    view.k = groups.length;
    view.k_choice = groups.length === 1 ? 'single' : k === null ? 'silhouette' : 'given';
    view.clusters = groups.map((members, index): Cluster => {
      const mean = (f: (c: Customer) => number) =>
        members.reduce((sum, c) => sum + f(c), 0) / members.length;
      return {
        index,
        name: groups.length === 1 ? 'all customers' : (names[index] ?? `segment ${index + 1}`),
        size: members.length,
        mean_recency_days: mean((c) => daysBetween(c.last, asOf)),
        mean_orders: mean((c) => c.orders),
        mean_spend: mean((c) => c.spendCents / 100),
        mean_extra: [],
        centroid_z: [index === 0 ? -0.5 : 0.5, index === 0 ? 0.9 : -0.6, index === 0 ? 0.9 : -0.6],
      };
    });
    if (groups.length > 1) view.k_scores = [{ k: 2, inertia: 1.5, silhouette: 0.62 }];
    groups.forEach((members, index) => {
      const name = view.clusters[index]?.name ?? '';
      for (const c of members) {
        view.assignments.push({ id: c.id, cluster: index });
        this.figures(c.id).cluster = name;
      }
    });
    // Every customer's cluster is stored with the customer; the report keeps the clusters.
    this.save('segments', asOf, { ...view, assignments: [] });
    this.forget();
    return view;
  }

  customerValue(asOf = this.source.today()): ValueReport {
    const { leftOut, later } = this.purchases(asOf);
    const customers = this.customers(asOf);
    const repeat = customers.filter((c) => c.days.size > 1).length;
    const report: ValueReport = {
      as_of: asOf,
      currency: this.currency(asOf),
      customers: customers.length,
      repeat_customers: repeat,
      purchase_model: null,
      spend_model: null,
      penalizer: 0,
      values: [],
      stats: {
        orders_used: customers.reduce((sum, c) => sum + c.orders, 0),
        orders_after_end: later,
        orders_invalid_amount: 0,
        nonpositive_days: 0,
        customers_without_purchase: 0,
      },
      notes: [],
    };
    if (leftOut > 0) {
      report.notes.push(
        `${leftOut} orders left out: ${leftOut} draft, cancelled or refunded, 0 without a contact, 0 without a total`,
      );
    }
    for (const figures of this.metrics.values()) {
      Object.assign(figures, { clv_as_of: null, p_alive: null, clv_90: null, clv_365: null });
    }
    if (customers.length === 0) {
      report.notes.unshift('no purchases yet: lifetime value needs orders of contacts');
      this.save('clv', asOf, report);
      this.forget();
      return report;
    }
    if (repeat < MIN_REPEAT_CUSTOMERS) {
      report.notes.unshift(
        `BG/NBD needs at least ${MIN_REPEAT_CUSTOMERS} customers with a repeat purchase; you have ${repeat}. ` +
          'Add more history (an earlier start or a later calibration end) before estimating customer value',
      );
      this.save('clv', asOf, report);
      this.forget();
      return report;
    }
    report.notes.push(
      `only ${repeat} customers bought more than once: the estimates are rough until there are 50 or more`,
    );
    const fit = {
      log_likelihood: -120.5,
      customers: customers.length,
      repeat_customers: repeat,
      iterations: 21,
    };
    report.purchase_model = { r: 0.243, alpha: 4.41, a: 0.793, b: 2.43, period: 'days', fit };
    report.spend_model = { p: 6.25, q: 3.74, v: 15.4, fit: { ...fit, customers: repeat } };
    report.values = customers
      .map((c): CustomerValue => {
        const age = Math.max(1, daysBetween(c.first, asOf));
        const idle = daysBetween(c.last, asOf);
        const rate = (c.days.size - 1) / age;
        const pAlive =
          c.days.size > 1 ? Math.max(0.05, 1 - idle / (idle + 2 / Math.max(rate, 1e-3))) : 1;
        const spend = c.spendCents / 100 / c.orders;
        return {
          contact_id: c.id,
          name: c.name,
          purchase_days: c.days.size,
          first_purchase: c.first,
          last_purchase: c.last,
          p_alive: pAlive,
          purchases_90: rate * 90 * pAlive,
          purchases_365: rate * 365 * pAlive,
          spend_per_purchase: spend,
          clv_90: rate * 90 * pAlive * spend,
          clv_365: rate * 365 * pAlive * spend,
        };
      })
      .sort((a, b) => b.clv_365 - a.clv_365);
    for (const v of report.values) {
      Object.assign(this.figures(v.contact_id), {
        clv_as_of: asOf,
        p_alive: v.p_alive,
        clv_90: v.clv_90,
        clv_365: v.clv_365,
        currency: report.currency,
      });
    }
    this.save('clv', asOf, { ...report, values: report.values.slice(0, STORED_ROWS) });
    this.forget();
    return report;
  }

  leadScores(asOf = this.source.today()): ScoreView {
    const deals = this.source.rows('deal');
    const closed = deals.filter((d) => ['won', 'lost'].includes(text(d, 'stage') ?? ''));
    const open = deals.filter((d) => !closed.includes(d));
    const need = Math.max(MIN_CLOSED_DEALS, 2 * MIN_PER_CLASS);
    const values = deals.map((d) => number(d, 'value')).filter((v): v is number => v !== null);
    const median = values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? null;
    const rules = this.scoreRules().rules;
    const scored: ScoredDeal[] = open.map((deal) => {
      const value = number(deal, 'value');
      const stage = text(deal, 'stage');
      const age = daysBetween(deal.created_at.slice(0, 10), asOf);
      const holds: Record<string, boolean> = {
        value_above_median: value !== null && median !== null && value > median,
        stage_proposal: stage === 'proposal',
        stage_negotiation: stage === 'negotiation',
        referral: text(deal, 'source') === 'referral',
        old_deal: age >= 180,
      };
      // Every rule that holds adds its points, in the rules' order; 0 points: switched off.
      const factors: Factor[] = rules
        .filter((r) => r.points !== 0 && holds[r.id] === true)
        .map((r) => ({
          id: r.id,
          text: r.description,
          points: r.points,
          summary: `${r.description} ${signedPoints(r.points)}`,
        }));
      const total = factors.reduce((sum, f) => sum + f.points, RULE_BASE_SCORE);
      return {
        title: deal.title,
        stage: stage ?? '',
        deal_id: deal.id,
        score: Math.max(0, Math.min(100, total)),
        baseline: RULE_BASE_SCORE,
        probability: null,
        rule_based: true,
        raised_by: factors.filter((f) => f.points > 0).sort((a, b) => b.points - a.points),
        lowered_by: factors.filter((f) => f.points < 0).sort((a, b) => a.points - b.points),
      };
    });
    scored.sort((a, b) => b.score - a.score);
    const explanation =
      closed.length === 0
        ? `no closed deals yet; the learned score needs at least ${need} closed deals with at least ${MIN_PER_CLASS} won and ${MIN_PER_CLASS} lost`
        : `only ${plural(closed.length, 'closed deal', 'closed deals')}; the learned score needs ${need} with at least ${MIN_PER_CLASS} won and ${MIN_PER_CLASS} lost`;
    const view: ScoreView = {
      as_of: asOf,
      method: {
        method: 'rule_based',
        reason: { type: 'too_few_closed', closed: closed.length },
        explanation,
      },
      open_deals: scored.length,
      deals: scored,
    };
    // Each deal's score is kept with the deal; each contact's is the best of its open deals.
    this.dealScores.clear();
    for (const figures of this.metrics.values()) {
      Object.assign(figures, { scores_as_of: null, lead_score: null });
    }
    const contactOf = new Map(open.map((deal) => [deal.id, text(deal, 'contact_id')]));
    for (const deal of scored) {
      this.dealScores.set(deal.deal_id, { as_of: asOf, deal: structuredClone(deal) });
      const contact = contactOf.get(deal.deal_id);
      if (!contact) continue;
      const figures = this.figures(contact);
      if (figures.lead_score === null || deal.score > figures.lead_score) {
        Object.assign(figures, { scores_as_of: asOf, lead_score: deal.score });
      }
    }
    this.save('scores', asOf, { ...view, deals: scored.slice(0, STORED_ROWS) });
    this.forget();
    return view;
  }

  /** Drops contacts no analysis holds figures for any more (`finish_run`). */
  private forget(): void {
    for (const [id, figures] of this.metrics) {
      if (!reached(figures)) this.metrics.delete(id);
    }
  }

  forecast(asOf = this.source.today()): Forecast {
    const months = new Map<string, ForecastMonth>();
    const month = (key: string): ForecastMonth => {
      const found = months.get(key) ?? {
        month: key,
        weighted: 0,
        pipeline: 0,
        deals: 0,
        won: 0,
        trend: null,
      };
      months.set(key, found);
      return found;
    };
    let weighted = 0;
    let undated = 0;
    for (const deal of this.source.rows('deal')) {
      const stage = text(deal, 'stage');
      const value = number(deal, 'value') ?? 0;
      if (stage === 'won') {
        const closed = text(deal, 'closed_on');
        if (closed && closed <= asOf) month(closed.slice(0, 7)).won += value;
      } else if (stage !== 'lost') {
        const close = text(deal, 'expected_close');
        if (!close) {
          undated += 1;
          continue;
        }
        const w = (value * (number(deal, 'probability') ?? 0)) / 100;
        const m = month((close < asOf ? asOf : close).slice(0, 7));
        m.weighted += w;
        m.pipeline += value;
        m.deals += 1;
        weighted += w;
      }
    }
    const notes = ['fewer than 3 months of won deals: no trend line yet'];
    if (undated > 0) {
      notes.push(`${undated} open deals have no expected close date and are not in any month`);
    }
    return {
      as_of: asOf,
      months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
      weighted_total: weighted,
      undated_deals: undated,
      trend_per_month: null,
      notes,
    };
  }

  satisfaction(recentDays: number, asOf = this.source.today()): SatisfactionView {
    const feedback = this.source.rows('feedback');
    const ratings = feedback
      .map((f) => number(f, 'rating'))
      .filter((r): r is number => r !== null && r >= 1 && r <= 5);
    const scores = feedback
      .map((f) => number(f, 'nps'))
      .filter((s): s is number => s !== null && s >= 0 && s <= 10);
    const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    for (const r of ratings) distribution[r - 1] = (distribution[r - 1] ?? 0) + 1;
    const satisfied = (distribution[3] ?? 0) + (distribution[4] ?? 0);
    const promoters = scores.filter((s) => s >= 9).length;
    const passives = scores.filter((s) => s === 7 || s === 8).length;
    const detractors = scores.length - promoters - passives;
    const pct = (k: number) => (scores.length > 0 ? (100 * k) / scores.length : null);
    const since = new Date(Date.parse(`${asOf}T00:00:00Z`) - recentDays * DAY)
      .toISOString()
      .slice(0, 10);
    const recent = (day: string | null) =>
      day !== null && day.slice(0, 10) > since && day.slice(0, 10) <= asOf;
    const texts: Array<[string, 'feedback' | 'ticket']> = [
      ...feedback
        .filter((f) => recent(text(f, 'received_at')))
        .flatMap((f): Array<[string, 'feedback']> => {
          const comment = text(f, 'comment');
          return comment ? [[comment, 'feedback']] : [];
        }),
      ...this.source
        .rows('ticket')
        .filter((t) => recent(text(t, 'opened_at')))
        .flatMap((t): Array<[string, 'ticket']> => {
          const description = text(t, 'description');
          return description ? [[description, 'ticket']] : [];
        }),
    ];
    const NEGATIVE = ['破损', 'wrong', 'mix-up', 'damaged', 'late', 'poor', '慢'];
    const POSITIVE = ['很好', 'good', 'great', '满意'];
    const counts: [number, number, number] = [0, 0, 0];
    const negative: TextSentiment[] = [];
    /** Each negative text's place in `negative`: the same complaint again is counted, not listed. */
    const listed = new Map<string, number>();
    for (const [body, source] of texts) {
      const bad = NEGATIVE.filter((w) => body.toLowerCase().includes(w));
      const good = POSITIVE.filter((w) => body.toLowerCase().includes(w));
      const score = Math.max(-0.95, Math.min(0.95, (good.length - bad.length) * 0.4));
      if (score >= 0.1) counts[0] += 1;
      else if (score > -0.1) counts[1] += 1;
      else {
        counts[2] += 1;
        const cut = [...body].slice(0, 200).join('');
        const seen = listed.get(cut);
        if (seen !== undefined) {
          const first = negative[seen];
          if (first) first.times += 1;
          continue;
        }
        listed.set(cut, negative.length);
        negative.push({
          text: cut,
          source,
          times: 1,
          sentiment: {
            score,
            label: 'negative',
            hits: [
              ...good.map((term) => ({ term, weight: 1 })),
              ...bad.map((term) => ({ term, weight: -1.5 })),
            ],
          },
        });
      }
    }
    negative.sort((a, b) => a.sentiment.score - b.sentiment.score);
    const categorised = this.source.rows('ticket').filter((t) => text(t, 'category')).length;
    return {
      as_of: asOf,
      recent_days: recentDays,
      csat: {
        overall: {
          responses: ratings.length,
          average: ratings.length > 0 ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
          distribution,
          satisfied,
          satisfied_pct: ratings.length > 0 ? (100 * satisfied) / ratings.length : null,
        },
        by_month: [],
        undated: 0,
        out_of_range: 0,
        note: ratings.length === 0 ? 'No satisfaction ratings (1–5) yet.' : null,
      },
      nps: {
        overall: {
          responses: scores.length,
          promoters,
          passives,
          detractors,
          promoter_pct: pct(promoters),
          passive_pct: pct(passives),
          detractor_pct: pct(detractors),
          nps: scores.length > 0 ? (pct(promoters) ?? 0) - (pct(detractors) ?? 0) : null,
        },
        by_month: [],
        undated: 0,
        out_of_range: 0,
        note: scores.length === 0 ? 'No NPS scores (0–10) yet.' : null,
      },
      sentiment_counts: counts,
      most_negative: negative.slice(0, 5),
      keywords: [],
      ticket_suggestions: [],
      classifier_note:
        categorised < MIN_CATEGORISED_TICKETS
          ? `only ${categorised} categorised tickets; category suggestions need at least ${MIN_CATEGORISED_TICKETS}`
          : null,
    };
  }

  kpis(asOf = this.source.today()): Kpis {
    const purchases = this.purchases(asOf).list;
    const thisMonth = asOf.slice(0, 7);
    const first = new Date(Date.parse(`${thisMonth}-01T00:00:00Z`) - DAY).toISOString().slice(0, 7);
    const yearAgo = new Date(Date.parse(`${asOf}T00:00:00Z`) - 365 * DAY)
      .toISOString()
      .slice(0, 10);
    const sum = (list: Purchase[]) => list.reduce((total, p) => total + p.amount, 0);
    const open = this.source
      .rows('deal')
      .filter((d) => !['won', 'lost'].includes(text(d, 'stage') ?? ''));
    const sat = this.satisfaction(90, asOf);
    return {
      as_of: asOf,
      customers: new Set(purchases.map((p) => p.contact)).size,
      active_customers: new Set(purchases.filter((p) => p.day > yearAgo).map((p) => p.contact))
        .size,
      revenue_this_month: sum(purchases.filter((p) => p.day.startsWith(thisMonth))),
      revenue_last_month: sum(purchases.filter((p) => p.day.startsWith(first))),
      pipeline: open.reduce((total, d) => total + (number(d, 'value') ?? 0), 0),
      weighted_pipeline: this.forecast(asOf).weighted_total,
      csat: sat.csat.overall.average,
      nps: sat.nps.overall.nps,
      currency: this.currency(asOf),
    };
  }

  /** A plain bar chart of what the engine's chart of that name shows, in small. */
  chartSvg(name: string, width = 640, height = 360): string {
    const title = MOCK_CHARTS.find(([chart]) => chart === name)?.[1];
    if (!title) {
      fail(
        'validation',
        'chart',
        `no chart '${name}'; the charts are: ${MOCK_CHARTS.map(([n]) => n).join(', ')}`,
      );
    }
    if (name === 'segments' && !this.runs.has('segments')) this.customerSegments();
    if (name === 'rfm' && !this.runs.has('rfm')) this.rfmScores();
    if (name === 'clv' && !this.runs.has('clv')) this.customerValue();
    const bars: Array<[string, number]> = [];
    if (name === 'revenue') {
      const by = new Map<string, number>();
      for (const p of this.purchases(this.source.today()).list) {
        by.set(p.day.slice(0, 7), (by.get(p.day.slice(0, 7)) ?? 0) + p.amount);
      }
      bars.push(...[...by.entries()].sort());
    } else if (name === 'segments') {
      const by = new Map<string, number>();
      for (const f of this.metrics.values()) {
        if (f.cluster) by.set(f.cluster, (by.get(f.cluster) ?? 0) + 1);
      }
      bars.push(...by.entries());
    } else if (name === 'places') {
      const by = new Map<string, number>();
      for (const c of this.source.rows('contact')) {
        const city = text(c, 'city');
        if (city) by.set(city, (by.get(city) ?? 0) + 1);
      }
      bars.push(...by.entries());
    }
    const top = Math.max(1, ...bars.map(([, v]) => v));
    const slot = (width - 80) / Math.max(1, bars.length);
    const marks = bars
      .map(([label, value], i) => {
        const h = ((height - 90) * value) / top;
        const x = 60 + i * slot;
        return (
          `<rect x="${x + slot * 0.15}" y="${height - 40 - h}" width="${slot * 0.7}" height="${h}" fill="#2f63c9"/>` +
          `<text x="${x + slot / 2}" y="${height - 22}" font-size="12" text-anchor="middle">${xml(label)}</text>`
        );
      })
      .join('');
    const empty =
      bars.length === 0
        ? `<text x="${width / 2}" y="${height / 2}" font-size="14" text-anchor="middle" fill="#6a7382">No data yet</text>`
        : '';
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
      `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
      `<text x="20" y="28" font-size="15" font-weight="600">${xml(title)}</text>${marks}${empty}</svg>`
    );
  }

  /** Writes the chart to `files` as SVG or (a marker for) PNG by the extension. */
  exportChart(name: string, path: string, files: Map<string, string>): ChartExport {
    const extension = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase();
    if (extension !== 'svg' && extension !== 'png') {
      fail(
        'validation',
        'path',
        `${path} does not end in .svg or .png: charts are saved as SVG or PNG`,
      );
    }
    const svg = this.chartSvg(name);
    const content = extension === 'svg' ? svg : `\u0089PNG mock of ${name}`;
    files.set(path, content);
    return { file: path, format: extension, bytes: content.length };
  }

  customerMetrics(contactId: string): CustomerFigures | null {
    const found = this.metrics.get(contactId);
    return found ? structuredClone(found) : null;
  }

  targetCampaign(campaignId: string, column: MetricColumn, value: string): TargetReport {
    if (!this.source.rows('campaign').some((c) => c.id === campaignId)) {
      fail('not_found', 'campaign', `no campaign has id ${campaignId}`);
    }
    const live = new Set(this.source.rows('contact').map((c) => c.id));
    const members = [...this.contactsWhere(column, value)].filter((id) => live.has(id)).sort();
    const existing = new Set(
      this.source
        .rows('campaign_member')
        .filter((m) => text(m, 'campaign_id') === campaignId)
        .map((m) => text(m, 'contact_id')),
    );
    let added = 0;
    for (const contact of members) {
      if (existing.has(contact)) continue;
      this.source.invite(campaignId, contact);
      added += 1;
    }
    return {
      campaign_id: campaignId,
      in_segment: members.length,
      added,
      already_members: members.length - added,
    };
  }
}
