//! Words and layout for the engine's analytics: how its figures read on the dashboard, the
//! contact and the deal pages. Nothing here computes a business result — every number is one
//! the engine returned, formatted; the sentences that explain thin data are the engine's own.
import type { Cluster, Kpis, MetricColumn, ScoreMethod, ScoredDeal, SegmentView } from '../ipc/api';
import { formatDecimal, formatMoney, formatNumber, formatSignificant } from './format';
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
      label: 'Customers',
      value: formatNumber(kpis.customers, locale),
      detail: 'contacts with a purchase',
    },
    {
      id: 'active',
      label: 'Active customers',
      value: formatNumber(kpis.active_customers, locale),
      detail: 'bought in the last 365 days',
    },
    {
      id: 'revenue',
      label: 'Revenue this month',
      value: money(kpis.revenue_this_month),
      detail: `last month ${money(kpis.revenue_last_month)}`,
    },
    {
      id: 'pipeline',
      label: 'Open pipeline',
      value: money(kpis.pipeline),
      detail: `weighted forecast ${money(kpis.weighted_pipeline)}`,
    },
    {
      id: 'csat',
      label: 'CSAT',
      value: kpis.csat === null ? '—' : `${formatDecimal(kpis.csat, 1, locale)} / 5`,
      detail: kpis.csat === null ? 'no ratings yet' : 'average rating, all time',
    },
    {
      id: 'nps',
      label: 'NPS',
      value: kpis.nps === null ? '—' : signed(kpis.nps, locale),
      detail: kpis.nps === null ? 'no 0–10 scores yet' : 'promoters − detractors, all time',
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
    return { ruleBased: true, label: 'Rule-based', detail: method.explanation };
  }
  return {
    ruleBased: false,
    label: 'Learned from your deals',
    detail:
      `Logistic regression on ${formatNumber(method.closed, locale)} closed deals ` +
      `(${formatNumber(method.won, locale)} won, ${formatNumber(method.lost, locale)} lost); ` +
      `it ranks them with an AUC of ${formatNumber(method.training_auc, locale, 2)} ` +
      '(measured on the deals it learned from, so optimistic).',
  };
}

/** A deal's score with the engine's factor texts: "score 82: 3 meetings in 14 days +18, …". */
export function factorLine(deal: Pick<ScoredDeal, 'score' | 'raised_by' | 'lowered_by'>): string {
  const factors = [...deal.raised_by, ...deal.lowered_by].map((factor) => factor.summary);
  return factors.length > 0
    ? `score ${deal.score}: ${factors.join(', ')}`
    : `score ${deal.score}: no factor moved it`;
}

/** How k was arrived at, in words, with the engine's silhouette for the k it made. */
export function clusteringText(view: SegmentView, locale?: string): string {
  const made = view.k_scores.find((score) => score.k === view.k);
  const silhouette =
    made?.silhouette === null || made?.silhouette === undefined
      ? ''
      : ` (silhouette ${formatNumber(made.silhouette, locale, 2)})`;
  switch (view.k_choice) {
    case 'silhouette': {
      const tried = view.k_scores.map((score) => score.k);
      return (
        `${view.k} clusters: the number that separates customers best${silhouette}, ` +
        `of ${Math.min(...tried)}–${Math.max(...tried)} tried`
      );
    }
    case 'given':
      return `${view.k} clusters, as asked${silhouette}`;
    case 'single':
      return 'One cluster: the customers cannot be split';
    case 'empty':
      return 'No clusters: no customers with purchases';
  }
}

/** A cluster's means as a line: "94 days since last order · 5.7 orders · $2,446.51 spent". */
export function clusterMeans(cluster: Cluster, currency: string | null, locale?: string): string {
  return [
    `${formatNumber(cluster.mean_recency_days, locale, 0)} days since the last order`,
    `${formatNumber(cluster.mean_orders, locale, 1)} orders`,
    `${formatMoney(cluster.mean_spend, currency, locale)} spent`,
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
 * before it starts is dropped (rejects with `DroppedError`).
 */
export class TaskQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

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
      if (this.running < this.limit) start();
      else this.waiting.push(start);
    });
  }

  private next(): void {
    if (this.running >= this.limit) return;
    this.waiting.shift()?.();
  }
}
