//! RFM scoring: recency, frequency and monetary quintile scores, and the standard 10-segment
//! R×F map.
//!
//! # Inputs and raw values
//!
//! Each [`CustomerOrders`] summarises one customer's orders: the date of the last order, the
//! number of orders and the total spend in hundredths (Kith stores money as integer
//! hundredths). Against an "as of" date:
//!
//! - **recency** = `as_of − last_order` in whole days, clamped at 0 (an order dated after
//!   `as_of`, e.g. from a clock-skewed import, counts as "today");
//! - **frequency** = number of orders;
//! - **monetary** = total spend (may be negative after refunds; it is ranked as given).
//!
//! Customers with `orders == 0` have no order to score; they are left out and counted in
//! [`RfmReport::skipped_without_orders`].
//!
//! # Quintile scores (ties averaged, lowest value 1)
//!
//! Each dimension gets a score from 1 to 5, 5 being best (most recent, most orders, highest
//! spend). Scores come from the **percentile rank with ties averaged** (Excel's
//! `PERCENTRANK.INC` on average ranks):
//!
//! ```text
//! r̄  = average 1-based rank of the customer's value (ascending, worst first; tied values
//!      share the mean of the ranks they occupy)
//! p  = (r̄ − 1) / (n − 1)                      in [0, 1]
//! score = min(5, 1 + ⌊5·p⌋)
//! ```
//!
//! computed in exact integer arithmetic (`2·r̄` is an integer), so boundaries never depend on
//! rounding. Consequences, each pinned by a test:
//!
//! - **Ties**: customers with the same value always get the same score; a block of tied
//!   customers lands in the quintile that holds the middle of the block.
//! - **Exact quintiles**: with `n = 5m` distinct values, exactly `m` customers get each score.
//! - **Tiny n**: one customer, or customers who all share a value, score 3 (neutral: the
//!   dimension says nothing); 2 distinct values score 1 and 5; 3 score 1, 3, 5; 4 score
//!   1, 2, 4, 5. Below [`THIN_DATA_BELOW`] customers the report carries a `thin_data` message.
//! - **The lowest value scores 1**: the block of customers sharing the lowest value takes
//!   score 1 however large it is. Without this, when more than 40 % of customers have exactly
//!   one order the one-order block's middle lies above the 20th percentile, one-time buyers
//!   would score F=2 and "New Customers" (R5 F1) and "Promising" (R4 F1) could never occur.
//! - **Above a large lowest block, scores 2–5**: when that block is a tie holding more than a
//!   fifth of the customers, the customers above it are scored among themselves, by the same
//!   averaged-rank rule, into 2–5 (`score = min(5, 2 + ⌊4p⌋)`, `p` over those customers
//!   only). Ranked against everyone, a shop where 58 % buy once would see every repeat buyer
//!   at F 4–5, F 2 and 3 empty, and "Potential Loyalists" and "Need Attention" never occur.
//!   So F reads: 1 bought once, 2–5 the quartiles of repeat buyers.
//! - Other tie blocks keep the averaged rank, so many customers tied at the top (every
//!   customer ordering on the same day) still score high.
//!
//! # "Frequency ranked first"
//!
//! The common pandas recipe ranks frequency with `rank(method="first")` before `qcut`, which
//! breaks ties by row order: two customers with the same number of orders can get different
//! F scores depending on how the table happened to be sorted. Here no score ever depends on
//! input order. "Frequency ranked first" means instead: **F is scored first, on the order
//! count alone, and frequency is the tie-breaker for monetary**: M ranks customers by the
//! pair (spend, orders), so of two customers with equal spend the one with more orders ranks
//! higher, and only customers equal in both share an M rank. (Equal spend over more orders
//! is a stronger relationship; and very common ties, such as many single orders of the same
//! product, are split by something meaningful instead of by row order.) R is ranked on
//! recency alone.
//!
//! # The R×F segment map
//!
//! [`Segment::from_scores`] maps the 25 (R, F) cells with the widely published regex table
//! (applied in this order, first match wins):
//!
//! | R \ F | 1 | 2 | 3 | 4 | 5 |
//! |---|---|---|---|---|---|
//! | 5 | New Customers | Potential Loyalists | Potential Loyalists | Champions | Champions |
//! | 4 | Promising | Potential Loyalists | Potential Loyalists | Loyal | Loyal |
//! | 3 | About to Sleep | About to Sleep | Need Attention | Loyal | Loyal |
//! | 2 | Hibernating | Hibernating | At Risk | At Risk | Can't Lose |
//! | 1 | Hibernating | Hibernating | At Risk | At Risk | Can't Lose |
//!
//! Descriptions that say "Champions R 4–5 F 4–5" and "Loyal R 3–4 F 4–5" overlap at R4 F4–5;
//! the published table resolves those two cells to Loyal (its `[3-4][4-5]` rule comes before
//! `5[4-5]`), and so does this map: Champions need R=5. Every cell maps to exactly one
//! segment (tested). M is reported but, as in the published map, does not move a customer
//! between segments.

use std::cmp::Reverse;

use chrono::NaiveDate;

use crate::model::Said;

/// Below this many scored customers, [`RfmReport::thin_data`] says the scores are rough.
pub const THIN_DATA_BELOW: usize = 20;

/// One customer's orders, summarised: the input to [`score_rfm`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CustomerOrders {
    /// The customer's record id.
    pub id: String,
    /// Date of the customer's most recent order.
    pub last_order: NaiveDate,
    /// Number of orders; customers with 0 are skipped.
    pub orders: u32,
    /// Total spend in hundredths of the currency unit (may be negative after refunds).
    pub spend_cents: i64,
}

pub use crate::model::Segment;

/// One scored customer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RfmScore {
    /// The customer's record id.
    pub id: String,
    /// Days from the last order to the "as of" date (0 when the order is on or after it).
    pub recency_days: u32,
    /// Number of orders.
    pub frequency: u32,
    /// Total spend in hundredths.
    pub monetary_cents: i64,
    /// Recency score, 1–5 (5 = most recent).
    pub r: u8,
    /// Frequency score, 1–5 (5 = most orders).
    pub f: u8,
    /// Monetary score, 1–5 (5 = highest spend; equal spend is ordered by frequency).
    pub m: u8,
    /// The R×F segment.
    pub segment: Segment,
}

/// How many scored customers fell in one segment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SegmentCount {
    /// The segment.
    pub segment: Segment,
    /// Its UI name.
    pub label: &'static str,
    /// Its one-line description.
    pub description: &'static str,
    /// Number of customers in it.
    pub count: usize,
}

/// The result of [`score_rfm`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RfmReport {
    /// The date recency was measured against.
    pub as_of: NaiveDate,
    /// Scored customers, in input order (customers without orders left out).
    pub customers: Vec<RfmScore>,
    /// Customer counts for all ten segments, in [`Segment::ALL`] order (zeros included).
    pub segments: Vec<SegmentCount>,
    /// Customers left out because they have no orders.
    pub skipped_without_orders: usize,
    /// Set when there are too few customers for quintiles to mean much, e.g.
    /// "only 7 customers with orders: scores are rough", or none at all.
    pub thin_data: Option<Said<RfmNote>>,
}

/// Why RFM scores are rough or missing.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RfmNote {
    /// No customer has an order.
    NoCustomers,
    /// Fewer than [`THIN_DATA_BELOW`] customers have orders.
    FewCustomers {
        /// How many do.
        customers: usize,
    },
}

impl std::fmt::Display for RfmNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RfmNote::NoCustomers => f.write_str("no customers with orders yet: nothing to score"),
            RfmNote::FewCustomers { customers: 1 } => {
                f.write_str("only 1 customer with orders: scores are rough")
            }
            RfmNote::FewCustomers { customers } => {
                write!(
                    f,
                    "only {customers} customers with orders: scores are rough"
                )
            }
        }
    }
}

/// Scores every customer with at least one order against `as_of`.
///
/// Never fails: no customers gives an empty report with a `thin_data` message.
pub fn score_rfm(customers: &[CustomerOrders], as_of: NaiveDate) -> RfmReport {
    let scored: Vec<&CustomerOrders> = customers.iter().filter(|c| c.orders > 0).collect();
    let recency: Vec<u32> = scored
        .iter()
        .map(|c| {
            let days = (as_of - c.last_order).num_days().max(0);
            u32::try_from(days).unwrap_or(u32::MAX)
        })
        .collect();
    // Larger key = better. Fewer days since the last order is better.
    let r = quintile_scores(&recency.iter().map(|&d| Reverse(d)).collect::<Vec<_>>());
    let f = quintile_scores(&scored.iter().map(|c| c.orders).collect::<Vec<_>>());
    let m = quintile_scores(
        &scored
            .iter()
            .map(|c| (c.spend_cents, c.orders))
            .collect::<Vec<_>>(),
    );

    let out: Vec<RfmScore> = scored
        .iter()
        .enumerate()
        .map(|(i, c)| RfmScore {
            id: c.id.clone(),
            recency_days: recency[i],
            frequency: c.orders,
            monetary_cents: c.spend_cents,
            r: r[i],
            f: f[i],
            m: m[i],
            segment: Segment::from_scores(r[i], f[i]),
        })
        .collect();

    let segments = Segment::ALL
        .iter()
        .map(|&segment| SegmentCount {
            segment,
            label: segment.label(),
            description: segment.description(),
            count: out.iter().filter(|s| s.segment == segment).count(),
        })
        .collect();

    RfmReport {
        as_of,
        thin_data: thin_data_message(out.len()),
        skipped_without_orders: customers.len() - out.len(),
        customers: out,
        segments,
    }
}

/// The `thin_data` message for `n` scored customers, or `None` when there are enough.
fn thin_data_message(n: usize) -> Option<Said<RfmNote>> {
    match n {
        0 => Some(RfmNote::NoCustomers.into()),
        n if n < THIN_DATA_BELOW => Some(RfmNote::FewCustomers { customers: n }.into()),
        _ => None,
    }
}

/// Quintile scores 1–5 for `keys`, where a larger key is better, by percentile rank with
/// ties averaged, the lowest value scoring 1, and the keys above a large lowest tie scored
/// 2–5 among themselves (see the module docs).
///
/// The result is aligned with `keys`. Equal keys always get equal scores; a single key, or
/// keys that are all equal, score 3.
pub fn quintile_scores<K: Ord>(keys: &[K]) -> Vec<u8> {
    let n = keys.len();
    let mut scores = vec![3u8; n];
    if n < 2 {
        return scores;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let lowest = order.partition_point(|&i| keys[i] == keys[order[0]]);
    if lowest == n {
        return scores; // all equal: neutral 3s
    }
    // The block of the lowest value always scores 1 (see the module docs). When that block is
    // a tie larger than a quintile, the customers above it share scores 2–5 among themselves:
    // ranked against everyone, they would all land in 4–5 and leave 2 and 3 empty.
    let (rest_from, low_score, steps) = if lowest >= 2 && lowest * 5 > n {
        (lowest, 2, 4)
    } else {
        (0, 1, 5)
    };
    for &i in &order[..lowest] {
        scores[i] = 1;
    }
    let m = n - rest_from;
    // 2·(m − 1), the denominator of p with the averaged rank doubled to stay integral.
    let den = 2 * (m.max(2) as u128 - 1);
    let mut start = lowest;
    while start < n {
        let mut end = start + 1;
        while end < n && keys[order[end]] == keys[order[start]] {
            end += 1;
        }
        // Positions start..end (0-based, counted from `rest_from`) share the averaged rank;
        // 2·(r̄ − 1) = start + end − 1. Only the best remain: they score the top.
        let num = if m < 2 || (start == rest_from && end == n) {
            den
        } else {
            (start + end - 1 - 2 * rest_from) as u128
        };
        let score = (low_score + (steps * num) / den).min(5) as u8;
        for &i in &order[start..end] {
            scores[i] = score;
        }
        start = end;
    }
    scores
}
