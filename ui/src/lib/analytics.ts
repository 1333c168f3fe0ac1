//! Words and layout for the engine's analytics: how its figures read on the dashboard, the
//! contact and the deal pages. Nothing here computes a business result — every number is one
//! the engine returned, formatted; the sentences that explain thin data are the engine's own.
//! The words are the window's language (`t`); what the engine names by a stable key (a
//! segment, a refresh step, a score rule, a factor group, why the scores are rule-based) is
//! said in Chinese from the catalog, and English shows the engine's own text.
import type {
  Cluster,
  Factor,
  Kpis,
  MetricColumn,
  RefreshProgress,
  ScoreMethod,
  ScoredDeal,
  Segment,
  SegmentView,
} from '../ipc/api';
import type { FallbackReason } from '../ipc/bindings/FallbackReason';
import { formatDecimal, formatMoney, formatNumber, formatSignificant } from './format';
import { i18n, messages, t, type MessageKey } from './i18n/index.svelte';
import { choiceLabel } from './i18n/schema';
import type { Route } from './router.svelte';

/** An engine note as a sentence: "only 3 customers…" → "Only 3 customers….". */
export function sentence(note: string): string {
  const text = note.trim();
  if (text === '') return text;
  const capital = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  return /[.!?。！？]$/.test(capital) ? capital : `${capital}.`;
}

/** One headline figure: what it is, its value as text, and a line under it. */
export type KpiCard = { id: string; label: string; value: string; detail: string };

/** The dashboard's headline cards, in reading order. */
export function kpiCards(kpis: Kpis, locale?: string): KpiCard[] {
  const money = (amount: number) => formatMoney(amount, kpis.currency, locale, true);
  return [
    {
      id: 'customers',
      label: t('dashboard.kpi.customers'),
      value: formatNumber(kpis.customers, locale),
      detail: t('dashboard.kpi.customersDetail'),
    },
    {
      id: 'active',
      label: t('dashboard.kpi.active'),
      value: formatNumber(kpis.active_customers, locale),
      detail: t('dashboard.kpi.activeDetail'),
    },
    {
      id: 'revenue',
      label: t('dashboard.kpi.revenue'),
      value: money(kpis.revenue_this_month),
      detail: t('dashboard.kpi.revenueDetail', { amount: money(kpis.revenue_last_month) }),
    },
    {
      id: 'pipeline',
      label: t('dashboard.kpi.pipeline'),
      value: money(kpis.pipeline),
      detail: t('dashboard.kpi.pipelineDetail', { amount: money(kpis.weighted_pipeline) }),
    },
    {
      id: 'csat',
      label: t('dashboard.kpi.csat'),
      value:
        kpis.csat === null
          ? '—'
          : t('dashboard.kpi.outOfFive', { value: formatDecimal(kpis.csat, 1, locale) }),
      detail: kpis.csat === null ? t('dashboard.kpi.csatNone') : t('dashboard.kpi.csatDetail'),
    },
    {
      id: 'nps',
      label: t('dashboard.kpi.nps'),
      value: kpis.nps === null ? '—' : signed(kpis.nps, locale),
      detail: kpis.nps === null ? t('dashboard.kpi.npsNone') : t('dashboard.kpi.npsDetail'),
    },
  ];
}

/** A number with its sign, rounded for display: 21.7 → "+22", −3 → "−3". */
export function signed(value: number, locale?: string): string {
  const rounded = Math.round(value);
  const text = formatNumber(Math.abs(rounded), locale, 0);
  if (rounded > 0) return `+${text}`;
  if (rounded < 0) return `−${text}`;
  return text;
}

/** A probability (0–1) as a percentage: 0.9395 → "94%". */
export function percent(probability: number, locale?: string): string {
  return `${formatNumber(probability * 100, locale, 0)}%`;
}

/** A model's expectation with two decimals, so a column lines up: 1.6 → "1.60". */
export function fixed(value: number, locale?: string): string {
  return formatDecimal(value, 2, locale);
}

/** A share already in percent (0–100) as text: 65.8 → "66%". */
export function percentOf(value: number | null, locale?: string): string {
  return value === null ? '—' : `${formatNumber(value, locale, 0)}%`;
}

/** A figure of a model, short: 28.332 → "28.3", 0.2138 → "0.214". */
export function modelFigure(value: number, locale?: string): string {
  return formatSignificant(value, 3, locale);
}

/** How the lead scores were made: a label, whether it is the rule-based fallback, and why. */
export function scoreMethodText(
  method: ScoreMethod,
  locale?: string,
): { ruleBased: boolean; label: string; detail: string } {
  if (method.method === 'rule_based') {
    return {
      ruleBased: true,
      label: t('analytics.method.ruleBased'),
      detail: fallbackText(method.reason, method.explanation),
    };
  }
  return {
    ruleBased: false,
    label: t('analytics.method.learned'),
    detail: t('analytics.method.learnedDetail', {
      closed: formatNumber(method.closed, locale),
      won: formatNumber(method.won, locale),
      lost: formatNumber(method.lost, locale),
      auc: formatNumber(method.training_auc, locale, 2),
    }),
  };
}

/**
 * The learned score's minimums, as the engine's defaults set them (`MIN_CLOSED_DEALS` and
 * `MIN_PER_CLASS` in src/analytics/lead_score.rs; the app never changes them): the Chinese
 * reason says them as the engine's English does.
 */
const NEED_CLOSED = 20;
const NEED_PER_CLASS = 5;

/** Why the scores are rule-based: the engine's sentence, or in Chinese said from its reason. */
export function fallbackText(reason: FallbackReason, explanation: string): string {
  if (i18n.language === 'en') return explanation;
  const need = { need: NEED_CLOSED, k: NEED_PER_CLASS };
  switch (reason.type) {
    case 'too_few_closed':
      return reason.closed === 0
        ? t('analytics.fallback.noClosed', need)
        : t('analytics.fallback.tooFewClosed', { ...need, closed: reason.closed });
    case 'no_lost':
      return t('analytics.fallback.noLost', { ...need, won: reason.won });
    case 'no_won':
      return t('analytics.fallback.noWon', { ...need, lost: reason.lost });
    case 'too_few_of_one_class':
      return t('analytics.fallback.tooFewOfOne', {
        ...need,
        won: reason.won,
        lost: reason.lost,
        closed: reason.won + reason.lost,
      });
    case 'no_variation':
      return t('analytics.fallback.noVariation');
    case 'fit_failed':
      return t('analytics.fallback.fitFailed', { detail: reason.detail });
  }
}

/** Whether the catalog has `key` (an engine key the catalog may not know). */
function known(key: string): key is MessageKey {
  return key in messages('en');
}

/**
 * A text the engine sends with a stable key, in the window's language: English as the engine
 * wrote it, Chinese from the catalog's `key` (the engine's words when the catalog lacks it).
 */
function engineText(key: string, sent: string): string {
  if (i18n.language === 'en' || !known(key)) return sent;
  return t(key);
}

/** An R×F segment's name: "Champions", 冠军客户. */
export function segmentName(segment: Segment, sent: string): string {
  return engineText(`analytics.segment.${segment}`, sent);
}

/** What an R×F segment means and what to do about it. */
export function segmentDescription(segment: Segment, sent: string): string {
  return engineText(`analytics.segment.${segment}.about`, sent);
}

/**
 * The engine's names of the R×F segments (src/model.rs `Segment::label`), which the stored
 * figures and the filters carry instead of the key.
 */
const SEGMENT_NAMES: Record<string, Segment> = {
  Champions: 'champions',
  Loyal: 'loyal',
  'Potential Loyalists': 'potential_loyalists',
  'New Customers': 'new_customers',
  Promising: 'promising',
  'Need Attention': 'need_attention',
  'About to Sleep': 'about_to_sleep',
  'At Risk': 'at_risk',
  "Can't Lose": 'cant_lose',
  Hibernating: 'hibernating',
};

/** A segment's name as the stored figures carry it ("Champions") in the window's language. */
export function segmentLabel(name: string): string {
  const segment = SEGMENT_NAMES[name];
  return segment ? segmentName(segment, name) : name;
}

/** The description of a segment stored by name, in the window's language. */
export function segmentAbout(name: string, sent: string): string {
  const segment = SEGMENT_NAMES[name];
  return segment ? segmentDescription(segment, sent) : sent;
}

/** What a recompute's step computes ("Lifetime value"), for its progress label. */
export function stepLabel(progress: Pick<RefreshProgress, 'step' | 'label'>): string {
  return engineText(`analytics.step.${progress.step}`, progress.label);
}

/** A score rule's description ("meeting in the last 14 days") in the window's language. */
export function ruleText(id: string, description: string): string {
  return engineText(`analytics.rule.${id}`, description);
}

/** The first number of an engine text: "value 12,000" → 12000, "no activity for 40 days" → 40. */
function numberIn(text: string): number | null {
  const match = /\d[\d,]*(?:\.\d+)?/.exec(text);
  return match ? Number(match[0].replace(/,/g, '')) : null;
}

/** The count an engine text starts with: "3 meetings in 14 days" → 3, "no meetings …" → 0. */
function countIn(text: string): number | null {
  if (text.startsWith('no ')) return 0;
  return /^\d/.test(text) ? numberIn(text) : null;
}

/** The factor groups that count activities, with their words. */
const COUNTED: Record<string, MessageKey> = {
  meetings_14d: 'analytics.factor.meetings14d',
  calls_14d: 'analytics.factor.calls14d',
  emails_14d: 'analytics.factor.emails14d',
  meetings_30d: 'analytics.factor.meetings30d',
  calls_30d: 'analytics.factor.calls30d',
  emails_30d: 'analytics.factor.emails30d',
};

/** The factor groups of a contact's or company's detail, given and missing. */
const GIVEN: Record<string, [MessageKey, MessageKey]> = {
  email: ['analytics.factor.emailGiven', 'analytics.factor.noEmail'],
  phone: ['analytics.factor.phoneGiven', 'analytics.factor.noPhone'],
  job_title: ['analytics.factor.jobTitleGiven', 'analytics.factor.noJobTitle'],
  industry: ['analytics.factor.industryGiven', 'analytics.factor.noIndustry'],
};

/**
 * What a factor says about the deal ("3 meetings in 14 days"): English as the engine wrote it;
 * Chinese from its rule id, or from its factor group and the figure in the engine's text (the
 * engine's words when neither is known).
 */
export function factorText(factor: Pick<Factor, 'id' | 'text'>): string {
  if (i18n.language === 'en') return factor.text;
  if (known(`analytics.rule.${factor.id}`)) return ruleText(factor.id, factor.text);
  const text = factor.text;
  const n = numberIn(text);
  const given = !text.startsWith('no ') && !text.endsWith(' unknown');
  const counted = COUNTED[factor.id];
  const count = countIn(text);
  if (counted) return count === null ? text : t(counted, { count });
  const detail = GIVEN[factor.id];
  if (detail) return t(detail[given ? 0 : 1]);
  switch (factor.id) {
    case 'value':
      return given && n !== null
        ? t('analytics.factor.value', { value: n })
        : t('analytics.factor.noValue');
    case 'stage': {
      const stage = /^stage: (\S+)/.exec(text)?.[1];
      return stage
        ? t('analytics.factor.stage', { stage: choiceLabel('deal', 'stage', stage) })
        : t('analytics.factor.stageUnknown');
    }
    case 'source': {
      const source = /^source: (\S+)/.exec(text)?.[1];
      return source
        ? t('analytics.factor.source', { source: choiceLabel('deal', 'source', source) })
        : t('analytics.factor.noSource');
    }
    case 'age':
      return n === null ? text : t('analytics.factor.age', { days: n });
    case 'inactivity':
      if (text === 'activity today') return t('analytics.factor.activityToday');
      if (n === null) return text;
      return text.startsWith('no ')
        ? t('analytics.factor.inactive', { days: n })
        : t('analytics.factor.lastActivity', { days: n });
    case 'company_size':
      return given && n !== null
        ? t('analytics.factor.companySize', { count: n })
        : t('analytics.factor.companySizeUnknown');
    case 'company_won_deals':
      return count === null ? text : t('analytics.factor.companyWon', { count });
    default:
      return text;
  }
}

/** A factor with its points: "3 meetings in 14 days +18". */
export function factorSummary(factor: Factor): string {
  if (i18n.language === 'en') return factor.summary;
  const points = factor.points;
  const sign = points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0';
  return `${factorText(factor)} ${sign}`;
}

/** A deal's score with the engine's factor texts: "score 82: 3 meetings in 14 days +18, …". */
export function factorLine(deal: Pick<ScoredDeal, 'score' | 'raised_by' | 'lowered_by'>): string {
  const factors = [...deal.raised_by, ...deal.lowered_by].map(factorSummary);
  return factors.length > 0
    ? t('analytics.factorLine', {
        score: deal.score,
        factors: factors.join(t('analytics.listSeparator')),
      })
    : t('analytics.factorLineNone', { score: deal.score });
}

/** How k was arrived at, in words, with the engine's silhouette for the k it made. */
export function clusteringText(view: SegmentView, locale?: string): string {
  const made = view.k_scores.find((score) => score.k === view.k);
  const silhouette =
    made?.silhouette === null || made?.silhouette === undefined
      ? ''
      : t('analytics.clusters.silhouette', {
          value: formatNumber(made.silhouette, locale, 2),
        });
  const k = formatNumber(view.k, locale);
  switch (view.k_choice) {
    case 'silhouette': {
      const tried = view.k_scores.map((score) => score.k);
      return t('analytics.clusters.bySilhouette', {
        k,
        silhouette,
        from: formatNumber(Math.min(...tried), locale),
        to: formatNumber(Math.max(...tried), locale),
      });
    }
    case 'given':
      return t('analytics.clusters.given', { k, silhouette });
    case 'single':
      return t('analytics.clusters.single');
    case 'empty':
      return t('analytics.clusters.empty');
  }
}

/** A cluster's means as a line: "94 days since last order · 5.7 orders · $2,446.51 spent". */
export function clusterMeans(cluster: Cluster, currency: string | null, locale?: string): string {
  return [
    t('analytics.clusters.recency', {
      days: formatNumber(cluster.mean_recency_days, locale, 0),
    }),
    t('analytics.clusters.orders', { orders: formatNumber(cluster.mean_orders, locale, 1) }),
    t('analytics.clusters.spend', { amount: formatMoney(cluster.mean_spend, currency, locale) }),
  ].join(' · ');
}

/** The contacts list filtered by a stored segment or cluster. */
export function segmentContacts(column: MetricColumn, value: string): Route {
  return { name: 'list', kind: 'contact', filters: { [column]: value } };
}

/** The contacts list sorted by a stored figure, highest first ("All customers by value"). */
export function contactsBy(figure: 'rfm' | 'clv_365' | 'lead_score'): Route {
  return { name: 'list', kind: 'contact', sort: { key: figure, desc: true } };
}

/** The pixel size to draw a chart at for a card `width` wide: steps of 40 px, 16:9-ish. */
export function chartSize(width: number): { width: number; height: number } {
  const stepped = Math.max(320, Math.min(1400, Math.floor(width / 40) * 40));
  return { width: stepped, height: Math.max(220, Math.min(520, Math.round(stepped * 0.6))) };
}

/** The name a chart export proposes: "kith-revenue-2026-11-23.png". */
export function chartFileName(name: string, extension: 'svg' | 'png', now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `kith-${name}-${day}.${extension}`;
}

/** Raised when a queued task is dropped before it started (its view went away). */
export class DroppedError extends Error {
  constructor() {
    super('dropped before it started');
    this.name = 'DroppedError';
  }
}

/**
 * Runs at most `limit` tasks at a time, in the order asked, so a dozen charts do not queue a
 * dozen engine calls ahead of what the user clicks next. A task whose signal is aborted
 * before it starts is dropped (rejects with `DroppedError`). Given `opens`, tasks wait until
 * it settles (the dashboard's charts wait for its figures to be painted).
 */
export class TaskQueue {
  private running = 0;
  private open = true;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    opens?: Promise<void>,
  ) {
    if (!opens) return;
    this.open = false;
    const begin = () => {
      this.open = true;
      while (this.running < this.limit && this.waiting.length > 0) this.waiting.shift()?.();
    };
    opens.then(begin, begin);
  }

  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        if (signal?.aborted) {
          reject(new DroppedError());
          this.next();
          return;
        }
        this.running += 1;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running -= 1;
            this.next();
          });
      };
      if (this.open && this.running < this.limit) start();
      else this.waiting.push(start);
    });
  }

  private next(): void {
    if (!this.open || this.running >= this.limit) return;
    this.waiting.shift()?.();
  }
}
