//! Planning what to write: every order, deal and touch, drawn before any record is written.

use super::*;

pub(super) fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Every order's customer, date and size. Customers are segmented: most buy once or never, a
/// few buy every few weeks; some repeat customers stopped buying a while ago (churn), so
/// recency, frequency and lifetime value have something to tell apart. Orders are numbered
/// per year in date order.
pub(super) fn plan_orders(seed: u64, reference: NaiveDate, profiles: &[Profile]) -> Vec<OrderPlan> {
    let mut rng = Rng::stream(seed, stream::ORDER_PLAN);
    let mut orders = Vec::new();
    let mut days: Vec<i64> = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let (count, earliest) = match p.segment {
            Segment::Prospect => (0, 0),
            Segment::OneTime => (1, 0),
            Segment::Occasional => (rng.range(2, 4), 30),
            Segment::Regular => (rng.range(5, 9), 120),
            Segment::Loyal => (rng.range(10, 30), 200),
        };
        days.clear();
        if count == 1 {
            days.push(rng.range(0, HISTORY_DAYS - 1));
        } else if count > 1 {
            let start = rng.range(earliest, HISTORY_DAYS - 1);
            let end = if rng.chance(0.35) {
                rng.range(45, (start - 20).max(45)).min(start)
            } else {
                rng.range(0, 20).min(start)
            };
            days.push(start);
            days.push(end);
            for _ in 2..count {
                days.push(rng.range(end, start));
            }
        }
        for &d in &days {
            let lines = [1u8, 2, 3, 4, 5][rng.weighted(&[55, 25, 12, 5, 3])];
            orders.push(OrderPlan {
                contact: i as u32,
                days_ago: d as u16,
                lines,
                seq: 0,
                status: 0,
            });
        }
    }
    orders.sort_by_key(|o| (std::cmp::Reverse(o.days_ago), o.contact));
    let mut year = 0;
    let mut seq = 0;
    for o in &mut orders {
        let y = (reference - TimeDelta::days(i64::from(o.days_ago))).year();
        if y != year {
            year = y;
            seq = 0;
        }
        seq += 1;
        o.seq = seq;
    }
    orders
}

/// A random contact, preferring one who works at a company (deals are mostly B2B).
pub(super) fn business_contact(rng: &mut Rng, profiles: &[Profile]) -> u32 {
    let mut i = rng.below(profiles.len());
    for _ in 0..3 {
        if profiles[i].company.is_some() {
            break;
        }
        i = rng.below(profiles.len());
    }
    i as u32
}

/// How busy open deals are, per stage: weights of hot, warm and cold.
pub(super) const OPEN_HEAT: [[u32; 3]; 4] =
    [[25, 35, 40], [35, 35, 30], [45, 30, 25], [55, 30, 15]];

/// Every deal and the activities about it. A deal's timeline runs from its first activity (when
/// work on it began) to its close, or to the reference day for an open deal, and relates to its
/// outcome the way real pipelines do: won deals were mostly closed from proposal or negotiation
/// and worked to the end (meetings and calls in their last weeks); most lost deals went quiet
/// weeks before they were given up, from any stage, and took longer; a few were lost after a
/// last meeting. Open deals spread over ages, stages and engagement (later stages busier), some
/// with a meeting or call planned after the reference day and a to-do. Big deals are lost a
/// little more often; referrals and inbound leads are won more often than outbound ones.
/// Nothing is certain: every feature overlaps between won and lost deals.
pub(super) fn plan_deals(seed: u64, profiles: &[Profile]) -> (Vec<DealPlan>, Vec<Touch>) {
    let mut rng = Rng::stream(seed, stream::DEALS);
    // Two years of deals: most are closed by now, a third are still open.
    let count = (profiles.len() * 3).div_ceil(16);
    let mut deals = Vec::with_capacity(count);
    let mut touches: Vec<Touch> = Vec::with_capacity(count * 6);
    for d in 0..count {
        // The first six deals walk the pipeline so that every stage has one.
        let stage = if d < 6 {
            d
        } else {
            rng.weighted(&[12, 9, 7, 5, 30, 37])
        };
        let (open, won) = (stage < 4, stage == 4);
        let mut contact = business_contact(&mut rng, profiles);
        // Won deals more often had a contact with an email, a phone and a job title.
        for _ in 0..2 {
            if !won || profiles[contact as usize].reachable() || rng.chance(0.5) {
                break;
            }
            contact = business_contact(&mut rng, profiles);
        }
        let p = profiles[contact as usize];
        let from_stage = if open {
            stage
        } else if won {
            rng.weighted(&[6, 14, 32, 48])
        } else {
            rng.weighted(&[22, 28, 28, 22])
        };
        let heat_weights: &[u32] = match (open, won) {
            (true, _) => &OPEN_HEAT[stage],
            (false, true) => &[62, 28, 10],
            (false, false) => &[16, 30, 54],
        };
        let heat = [Heat::Hot, Heat::Warm, Heat::Cold][rng.weighted(heat_weights)];
        let title = rng.below(DEAL_TITLES[p.lang.index()].len()) as u8;
        let mut value = (8.3 + rng.normal()).exp();
        if p.wholesale {
            value *= 3.0;
        }
        if stage == 5 {
            value *= 1.25;
        }
        let value = ((value.clamp(200.0, 500_000.0) / 50.0).round() as i64) * 50;
        let source_weights: &[u32] = match stage {
            4 => &[30, 20, 24, 13, 13],
            5 => &[27, 31, 14, 18, 10],
            _ => &[30, 25, 20, 15, 10],
        };
        let source = rng.weighted(source_weights) as u8;
        // Days from the last activity to the end, and from the first one to the end.
        let quiet = match heat {
            Heat::Hot => rng.range(0, 5),
            Heat::Warm => rng.range(4, 24),
            Heat::Cold => rng.range(18, 120),
        };
        let (median, sigma) = match (open, won) {
            (true, _) => ([15.0, 30.0, 45.0, 60.0][from_stage], 0.8),
            (false, true) => ([20.0, 35.0, 50.0, 60.0][from_stage], 0.6),
            (false, false) => ([25.0, 40.0, 55.0, 70.0][from_stage], 0.8),
        };
        let length = (rng.lognormal(median, sigma).round() as i64)
            .clamp(3, 400)
            .max(quiet + rng.range(3, 15));
        let end = if open {
            0
        } else {
            rng.range(1, (HISTORY_DAYS - length).max(1))
        };
        let start = end + length;
        let last = end + quiet;

        let deal = d as u32;
        let mut touch = |kind: usize, days_ago: i64, opening: bool| {
            touches.push(Touch {
                deal,
                kind: kind as u8,
                days_ago: days_ago as i16,
                opening,
            });
        };
        touch(rng.weighted(&[45, 40, 15]), start, true);
        // Work in between: more of it, and more meetings, the further the deal got.
        let span = start - last;
        if span >= 2 {
            let between = ((span as f64 / 20.0 * (0.5 + rng.unit())).round() as i64
                + from_stage as i64)
                .min(8);
            let meetings = 20 + 5 * from_stage as u32;
            for _ in 0..between {
                let kind = rng.weighted(&[32, 33, meetings, 15]);
                touch(kind, rng.range(last + 1, start - 1), false);
            }
        }
        if span > 0 {
            touch(rng.weighted(heat.kinds()), last, false);
        }
        // The final stretch of a live deal: meetings and calls in its last weeks.
        let stretch = match heat {
            Heat::Hot => rng.range(1, 4),
            Heat::Warm => rng.range(0, 1),
            Heat::Cold => 0,
        };
        for _ in 0..stretch {
            touch(
                rng.weighted(heat.kinds()),
                rng.range(last, (last + 21).min(start)),
                false,
            );
        }
        let expected_close = if open {
            // The next steps of an open deal: a meeting or call planned, a to-do.
            let planned = match heat {
                Heat::Hot => 0.85,
                Heat::Warm => 0.5,
                Heat::Cold => 0.0,
            };
            if rng.chance(planned) {
                touch(rng.weighted(&[45, 0, 55]), -rng.range(1, 14), false);
                if heat == Heat::Hot && rng.chance(0.5) {
                    touch(rng.weighted(&[45, 0, 55]), -rng.range(8, 28), false);
                }
            }
            if rng.chance(0.5) {
                let due = match heat {
                    Heat::Cold => rng.range(3, 45),
                    _ => -rng.range(1, 14),
                };
                touch(4, due, false);
            }
            match heat {
                Heat::Hot => -rng.range(5, 45),
                Heat::Warm => -rng.range(-10, 75),
                Heat::Cold => rng.range(-60, 45),
            }
        } else {
            (end + rng.range(-30, 30)).max(0)
        };
        // Deals that went quiet were mostly given up for want of an answer or a budget.
        let reasons: &[u32] = if heat == Heat::Cold {
            &[10, 10, 20, 25, 30, 5]
        } else {
            &[30, 35, 10, 5, 0, 20]
        };
        let lost_reason = rng.weighted(reasons) as u8;
        let note = if rng.chance(0.1) {
            Some(rng.below(ACTIVITY_SUBJECTS[3][p.lang.index()].len()) as u8)
        } else {
            None
        };
        deals.push(DealPlan {
            contact,
            stage: stage as u8,
            from_stage: from_stage as u8,
            title,
            value,
            source,
            expected_close,
            closed: (!open).then_some(end),
            lost_reason,
            note,
        });
    }
    (deals, touches)
}
