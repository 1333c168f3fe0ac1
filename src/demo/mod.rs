//! Deterministic demo data across every entity: people and companies in six languages, two
//! years of orders with a realistic repeat-purchase skew, deals in every stage with the
//! activities that moved them (won deals worked to the end, lost ones gone quiet), other
//! activities, tickets with follow-ups, campaigns with responses, feedback in English and
//! Chinese, relationships, tags and custom fields.
//!
//! Invariants: the same seed and options give the same content — ids and write times differ,
//! but every date in the content is anchored to one reference day (by default
//! [`REFERENCE_DATE`]; the day is an option, never read from the wall clock here),
//! and every random draw comes from a seeded generator (one independent stream per phase, so
//! batch sizes never change the data). Every record is written through the public write path
//! ([`Writer::create`], [`Writer::tag`]) in batched transactions, so validation, the change log
//! and the search index see exactly what a user's writes produce.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate, TimeDelta};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::kinds::{MEMBER_STATUSES, ORDER_STATUSES};
use crate::model::{Input, Kind};
use crate::store::{Store, Writer};

mod companies;
mod people;
mod plan;
mod texts;
mod write;

use companies::*;
use people::*;
use plan::*;
use texts::*;

/// The day the demo data is "current" at unless told otherwise: orders cover the two years
/// before it, open deals close after it. Fixed so that the same seed always gives the same data
/// (tests and benchmarks); a user's demo is made current at the day it is created.
pub const REFERENCE_DATE: &str = "2026-11-01";

/// Version of the generator's output: bump it whenever the same seed would give other data
/// (caches of generated databases, such as the search benchmark's, are keyed by it).
pub const GENERATOR_VERSION: u32 = 3;

const MINUTES_A_DAY: i64 = 24 * 60;

/// Records written per transaction (a transaction is one HLC reading and one commit).
const BATCH: usize = 4_000;

/// How many days of order history the data covers.
const HISTORY_DAYS: i64 = 730;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Number of contacts; other entities scale with it.
    pub contacts: usize,
    /// Seed: the same seed and options give the same data.
    pub seed: u64,
    /// The day the data is current at; `None`: [`REFERENCE_DATE`]. A user's demo workspace is
    /// made current at the day it is created, so its pipeline and recent orders look alive.
    pub reference: Option<NaiveDate>,
}

impl DemoOptions {
    /// Options for `contacts` contacts with the default seed, current at [`REFERENCE_DATE`].
    pub fn with_contacts(contacts: usize) -> DemoOptions {
        DemoOptions {
            contacts,
            seed: 42,
            reference: None,
        }
    }

    /// The same options, current at `day`.
    pub fn current_at(self, day: NaiveDate) -> DemoOptions {
        DemoOptions {
            reference: Some(day),
            ..self
        }
    }
}

/// What [`fill`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DemoSummary {
    /// The seed the data was generated from.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seed: u64,
    /// The day the data is anchored to ([`DemoOptions::reference`]).
    pub reference_date: String,
    /// Records created, per kind.
    #[cfg_attr(feature = "ts", ts(type = "{ [key in string]?: number }"))]
    pub counts: BTreeMap<Kind, u64>,
    /// Tags put on records.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub tagged: u64,
    /// Custom-field values set.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub custom_values: u64,
}

impl DemoSummary {
    /// Records created, all kinds together.
    pub fn records(&self) -> u64 {
        self.counts.values().sum()
    }
}

/// Fills the store with demo data (see [`fill_with_progress`]).
pub fn fill(store: &mut Store, options: &DemoOptions) -> Result<DemoSummary> {
    fill_with_progress(store, options, &mut |_, _| {})
}

/// Fills the store with demo data, calling `progress(records written, records planned)` after
/// every transaction. Its writes are attributed to origin `demo`; the store's own origin is
/// restored afterwards.
pub fn fill_with_progress(
    store: &mut Store,
    options: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoSummary> {
    let previous = store.origin().to_string();
    store.set_origin("demo");
    let written = write_all(store, options, progress);
    store.set_origin(&previous);
    written
}

fn write_all(
    store: &mut Store,
    options: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoSummary> {
    let mut generator = Generator::plan(options)?;
    let mut progress = Progress {
        done: 0,
        total: generator.planned_records(),
        report: progress,
    };
    (progress.report)(0, progress.total);
    generator.write_products(store, &mut progress)?;
    generator.write_companies(store, &mut progress)?;
    generator.write_contacts(store, &mut progress)?;
    generator.write_relationships(store, &mut progress)?;
    generator.write_campaigns(store, &mut progress)?;
    generator.write_orders(store, &mut progress)?;
    generator.write_deals(store, &mut progress)?;
    generator.write_tickets(store, &mut progress)?;
    generator.write_activities(store, &mut progress)?;
    generator.write_campaign_members(store, &mut progress)?;
    generator.write_feedback(store, &mut progress)?;
    Ok(generator.summary)
}

// ---------------------------------------------------------------------------------------------
// Randomness

use crate::rng::SplitMix64 as Rng;

/// FNV-1a: a stable hash for the set of emails already used.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

// ---------------------------------------------------------------------------------------------
// The plan

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Segment {
    Prospect,
    OneTime,
    Occasional,
    Regular,
    Loyal,
}

#[derive(Clone, Copy)]
struct Profile {
    lang: Lang,
    city: u16,
    company: Option<u32>,
    segment: Segment,
    wholesale: bool,
    /// The contact record has an email address, a phone number, a job title.
    email: bool,
    phone: bool,
    job_title: bool,
}

impl Profile {
    /// A contact a seller can reach and knows the role of.
    fn reachable(&self) -> bool {
        self.email && self.phone && self.job_title
    }
}

struct OrderPlan {
    contact: u32,
    days_ago: u16,
    lines: u8,
    /// Number within its year, in date order.
    seq: u32,
    /// Index into [`ORDER_STATUSES`], drawn when the order is written.
    status: u8,
}

#[derive(Clone, Copy)]
enum RelKind {
    Colleague,
    Manager,
    Owner,
    FormerEmployee,
    Spouse,
    Family,
    Friend,
    Referral,
    Advisor,
}

struct RelPlan {
    contact: u32,
    /// Another contact, or a company for `Owner` and `FormerEmployee`.
    other: u32,
    kind: RelKind,
}

/// How a deal was going at its end: its close, or the reference day for an open deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heat {
    /// Worked in its last days, with meetings and calls in its last weeks.
    Hot,
    /// Last touched one to three weeks before, mostly by email.
    Warm,
    /// Gone quiet for weeks.
    Cold,
}

impl Heat {
    /// Weights of call, email and meeting for the deal's last activities.
    fn kinds(self) -> &'static [u32] {
        match self {
            Heat::Hot => &[35, 30, 35],
            Heat::Warm => &[30, 55, 15],
            Heat::Cold => &[35, 65],
        }
    }
}

/// A deal, drawn before anything is written (its activities count toward the planned total).
#[derive(Clone, Copy)]
struct DealPlan {
    contact: u32,
    /// Index into [`DEAL_STAGES`](crate::kinds::DEAL_STAGES): the stage it is in now.
    stage: u8,
    /// The open stage a closed deal was won or lost from (an open deal's own stage).
    from_stage: u8,
    /// Index into the [`DEAL_TITLES`] of the contact's language.
    title: u8,
    /// In whole dollars.
    value: i64,
    /// Index into [`DEAL_SOURCES`].
    source: u8,
    /// Days before the reference day it is (or was) expected to close; negative: after it.
    expected_close: i64,
    /// Days before the reference day it was won or lost.
    closed: Option<i64>,
    /// Index into [`LOST_REASONS`].
    lost_reason: u8,
    /// Index into the note subjects of the contact's language.
    note: Option<u8>,
}

/// One activity about a deal.
#[derive(Clone, Copy)]
struct Touch {
    /// Index into [`Generator::deals`].
    deal: u32,
    /// Index into [`ACTIVITY_KINDS`].
    kind: u8,
    /// Its day, days before the reference day (negative: planned after it).
    days_ago: i16,
    /// The first activity of the deal: work on it began.
    opening: bool,
}

struct TicketInfo {
    id: u128,
    contact: u32,
    category: u8,
    subject: u8,
    opened_days_ago: i64,
    resolved: bool,
}

struct CampaignInfo {
    id: u128,
    starts_days_ago: i64,
    ends_days_ago: i64,
    planned: bool,
}

impl Generator {
    /// The campaign an order placed `days_ago` was chosen for, if any: every 12th order
    /// (`seq`) placed while a campaign ran names the first such campaign, so the demo's
    /// campaign pages show chosen orders beside members' first purchases. Drawn without the
    /// random streams, so no other record changes.
    fn order_campaign(&self, seq: u64, days_ago: i64) -> Option<u128> {
        if !seq.is_multiple_of(12) {
            return None;
        }
        self.campaigns
            .iter()
            .find(|c| !c.planned && c.starts_days_ago >= days_ago && days_ago >= c.ends_days_ago)
            .map(|c| c.id)
    }

    /// The campaign a deal from source `campaign` came from: one that has started, picked by
    /// the deal's place in the plan (no random draw).
    fn deal_campaign(&self, deal: usize) -> Option<u128> {
        let started: Vec<&CampaignInfo> = self.campaigns.iter().filter(|c| !c.planned).collect();
        (!started.is_empty()).then(|| started[deal % started.len()].id)
    }
}

struct Progress<'p> {
    done: u64,
    total: u64,
    report: &'p mut dyn FnMut(u64, u64),
}

impl Progress<'_> {
    fn advance(&mut self, records: u64) {
        self.done += records;
        (self.report)(self.done, self.total);
    }
}

/// Phase streams: each phase draws from its own generator.
mod stream {
    pub const PLAN: u64 = 1;
    pub const ORDER_PLAN: u64 = 2;
    pub const PRODUCTS: u64 = 3;
    pub const COMPANIES: u64 = 4;
    pub const CONTACTS: u64 = 5;
    pub const RELATIONSHIPS: u64 = 6;
    pub const CAMPAIGNS: u64 = 7;
    pub const ORDERS: u64 = 8;
    pub const DEALS: u64 = 9;
    pub const TICKETS: u64 = 10;
    pub const ACTIVITIES: u64 = 11;
    pub const MEMBERS: u64 = 12;
    pub const FEEDBACK: u64 = 13;
    pub const DETAILS: u64 = 14;
}

struct Generator {
    seed: u64,
    reference: NaiveDate,
    n: usize,
    companies: Vec<CompanyPlan>,
    profiles: Vec<Profile>,
    orders: Vec<OrderPlan>,
    relationships: Vec<RelPlan>,
    deals: Vec<DealPlan>,
    touches: Vec<Touch>,
    ticket_count: usize,
    activity_count: usize,
    follow_up_count: usize,
    campaign_count: usize,
    member_count: usize,
    feedback_count: usize,
    product_ids: Vec<u128>,
    company_ids: Vec<u128>,
    contact_ids: Vec<u128>,
    order_ids: Vec<u128>,
    deal_ids: Vec<u128>,
    tickets: Vec<TicketInfo>,
    campaigns: Vec<CampaignInfo>,
    pending_tags: Vec<(Kind, u128, &'static str)>,
    summary: DemoSummary,
}

fn pack(id: &str) -> Result<u128> {
    uuid::Uuid::parse_str(id)
        .map(|u| u.as_u128())
        .map_err(|e| Error::invalid("id", format!("demo: unexpected record id {id}: {e}")))
}

fn unpack(id: u128) -> String {
    uuid::Uuid::from_u128(id).hyphenated().to_string()
}

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn put(input: &mut Input, key: &str, value: impl Into<String>) {
    input.insert(key.to_string(), value.into());
}

/// Runs `each(writer, unit)` for `0..units`, `per_tx` units per transaction; `each` returns
/// how many records it created.
fn batched(
    store: &mut Store,
    units: usize,
    per_tx: usize,
    progress: &mut Progress<'_>,
    mut each: impl FnMut(&mut Writer<'_>, usize) -> Result<u64>,
) -> Result<()> {
    let mut start = 0;
    while start < units {
        let end = (start + per_tx.max(1)).min(units);
        let written = store.write(|w| {
            let mut written = 0;
            for unit in start..end {
                written += each(w, unit)?;
            }
            Ok(written)
        })?;
        progress.advance(written);
        start = end;
    }
    Ok(())
}

impl Generator {
    /// Links a record to a contact and, when it has one, the contact's company.
    fn put_party(&self, input: &mut Input, contact: u32, company: Option<u32>) {
        put(
            input,
            "contact_id",
            unpack(self.contact_ids[contact as usize]),
        );
        if let Some(c) = company {
            put(input, "company_id", unpack(self.company_ids[c as usize]));
        }
    }

    /// Draws everything later phases need to agree on: companies, each contact's language,
    /// company and customer segment, the relationships, and every order's date and size.
    fn plan(options: &DemoOptions) -> Result<Generator> {
        let n = options.contacts;
        let seed = options.seed;
        let reference = match options.reference {
            Some(day) => day,
            None => NaiveDate::parse_from_str(REFERENCE_DATE, "%Y-%m-%d")
                .map_err(|e| Error::invalid("reference_date", e.to_string()))?,
        };
        let mut cities_by_lang: [Vec<u16>; 6] = Default::default();
        for (i, c) in CITIES.iter().enumerate() {
            cities_by_lang[c.lang.index()].push(i as u16);
        }
        let mut rng = Rng::stream(seed, stream::PLAN);

        let company_count = n.div_ceil(8);
        let mut companies = Vec::with_capacity(company_count);
        let mut companies_by_lang: [Vec<u32>; 6] = Default::default();
        for c in 0..company_count {
            let lang = LANGS[rng.weighted(&LANG_WEIGHTS)];
            let city = *rng.pick(&cities_by_lang[lang.index()]);
            let industry = rng.below(INDUSTRIES.len());
            let (name, domain) = company_name(
                &mut rng,
                lang,
                &CITIES[city as usize],
                &INDUSTRIES[industry],
            );
            companies_by_lang[lang.index()].push(c as u32);
            companies.push(CompanyPlan {
                name,
                domain,
                lang,
                city,
                industry: industry as u8,
            });
        }

        let mut profiles = Vec::with_capacity(n);
        let mut relationships = Vec::new();
        let mut last_at_company = vec![u32::MAX; company_count];
        let mut contacts_by_lang: [Vec<u32>; 6] = Default::default();
        for i in 0..n {
            let lang = LANGS[rng.weighted(&LANG_WEIGHTS)];
            let company = if company_count > 0 && rng.chance(0.8) {
                let own = &companies_by_lang[lang.index()];
                Some(if !own.is_empty() && rng.chance(0.9) {
                    // A few companies employ many of the contacts, most only one or two.
                    own[rng.skewed(own.len(), 2.0)]
                } else {
                    rng.below(company_count) as u32
                })
            } else {
                None
            };
            let city = match company.map(|c| &companies[c as usize]) {
                Some(c) if c.lang == lang && rng.chance(0.85) => c.city,
                _ => *rng.pick(&cities_by_lang[lang.index()]),
            };
            let segment = [
                Segment::Prospect,
                Segment::OneTime,
                Segment::Occasional,
                Segment::Regular,
                Segment::Loyal,
            ][rng.weighted(&[55, 25, 12, 6, 2])];
            let wholesale = company
                .is_some_and(|c| INDUSTRIES[companies[c as usize].industry as usize].wholesale)
                && segment >= Segment::Occasional
                && rng.chance(0.6);
            let me = i as u32;
            if let Some(c) = company {
                let previous = last_at_company[c as usize];
                if previous != u32::MAX {
                    let r = rng.unit();
                    if r < 0.15 {
                        relationships.push(RelPlan {
                            contact: me,
                            other: previous,
                            kind: RelKind::Colleague,
                        });
                    } else if r < 0.21 {
                        relationships.push(RelPlan {
                            contact: me,
                            other: previous,
                            kind: RelKind::Manager,
                        });
                    }
                } else if rng.chance(0.12) {
                    relationships.push(RelPlan {
                        contact: me,
                        other: c,
                        kind: RelKind::Owner,
                    });
                }
                last_at_company[c as usize] = me;
            }
            if company_count > 1 && rng.chance(0.02) {
                relationships.push(RelPlan {
                    contact: me,
                    other: rng.below(company_count) as u32,
                    kind: RelKind::FormerEmployee,
                });
            }
            let peers = &contacts_by_lang[lang.index()];
            if !peers.is_empty() {
                let r = rng.unit();
                let kind = if r < 0.015 {
                    Some(RelKind::Spouse)
                } else if r < 0.025 {
                    Some(RelKind::Family)
                } else if r < 0.045 {
                    Some(RelKind::Friend)
                } else if r < 0.065 {
                    Some(RelKind::Referral)
                } else if r < 0.07 {
                    Some(RelKind::Advisor)
                } else {
                    None
                };
                if let Some(kind) = kind {
                    relationships.push(RelPlan {
                        contact: me,
                        other: *rng.pick(peers),
                        kind,
                    });
                }
            }
            contacts_by_lang[lang.index()].push(me);
            profiles.push(Profile {
                lang,
                city,
                company,
                segment,
                wholesale,
                email: false,
                phone: false,
                job_title: false,
            });
        }
        if n > 0 && profiles.iter().all(|p| p.segment == Segment::Prospect) {
            profiles[0].segment = Segment::OneTime;
        }
        // Drawn here, not when the contacts are written, so that deals can prefer contacts
        // with complete details (see [`plan_deals`]).
        let mut details = Rng::stream(seed, stream::DETAILS);
        for p in &mut profiles {
            p.email = details.chance(0.92);
            p.phone = details.chance(0.8);
            p.job_title = p.company.is_some() && details.chance(0.85);
        }

        let orders = plan_orders(seed, reference, &profiles);
        let (deals, touches) = plan_deals(seed, &profiles);
        let ticket_count = n.div_ceil(10);
        let campaign_count = if n == 0 { 0 } else { (n / 2_500).clamp(4, 150) };
        Ok(Generator {
            seed,
            reference,
            n,
            companies,
            profiles,
            orders,
            relationships,
            deals,
            touches,
            ticket_count,
            activity_count: n * 3 / 10,
            follow_up_count: ticket_count * 2 / 5,
            campaign_count,
            member_count: n * 2 / 5,
            feedback_count: n.div_ceil(8),
            product_ids: Vec::new(),
            company_ids: Vec::new(),
            contact_ids: Vec::new(),
            order_ids: Vec::new(),
            deal_ids: Vec::new(),
            tickets: Vec::new(),
            campaigns: Vec::new(),
            pending_tags: Vec::new(),
            summary: DemoSummary {
                seed,
                reference_date: reference.format("%Y-%m-%d").to_string(),
                ..DemoSummary::default()
            },
        })
    }

    fn planned_records(&self) -> u64 {
        let lines: u64 = self.orders.iter().map(|o| u64::from(o.lines)).sum();
        [
            if self.n == 0 { 0 } else { PRODUCTS.len() },
            self.companies.len(),
            self.n,
            self.relationships.len(),
            self.campaign_count,
            self.orders.len(),
            self.deals.len(),
            self.ticket_count,
            self.activity_count + self.touches.len() + self.follow_up_count,
            self.member_count,
            self.feedback_count,
        ]
        .iter()
        .map(|c| *c as u64)
        .sum::<u64>()
            + lines
    }

    fn date(&self, days_ago: i64) -> NaiveDate {
        self.reference - TimeDelta::days(days_ago)
    }

    /// `YYYY-MM-DD`, `days_ago` days before the reference date (negative: after it).
    fn day(&self, days_ago: i64) -> String {
        let d = self.date(days_ago);
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }

    /// An RFC 3339 instant on that day at `minute` minutes past midnight UTC.
    fn instant(&self, days_ago: i64, minute: i64) -> String {
        let minute = minute.clamp(0, MINUTES_A_DAY - 1);
        format!(
            "{}T{:02}:{:02}:00Z",
            self.day(days_ago),
            minute / 60,
            minute % 60
        )
    }

    /// An RFC 3339 instant `minutes` after midnight of the reference date (negative: before).
    fn instant_at(&self, minutes: i64) -> String {
        self.instant(
            -minutes.div_euclid(MINUTES_A_DAY),
            minutes.rem_euclid(MINUTES_A_DAY),
        )
    }

    /// A minute of the working day (08:00–18:00).
    fn work_minute(rng: &mut Rng) -> i64 {
        rng.range(8 * 60, 18 * 60 - 1) / 5 * 5
    }

    fn create(&mut self, w: &mut Writer<'_>, kind: Kind, input: &Input) -> Result<String> {
        let id = w.create(kind, input)?;
        *self.summary.counts.entry(kind).or_default() += 1;
        self.summary.custom_values +=
            input.keys().filter(|k| k.starts_with("custom.")).count() as u64;
        Ok(id)
    }

    /// Queues a tag for [`Generator::write_tags`].
    fn tag(&mut self, kind: Kind, id: u128, tag: &'static str) {
        self.pending_tags.push((kind, id, tag));
    }

    /// Writes the queued tags, in transactions of their own. (Tagging in the transactions that
    /// create the records would be slower: `Writer::tag` runs an INSERT … SELECT, whose
    /// statement savepoint makes FTS5 flush its pending terms to disk each time, so the
    /// search index would get one tiny segment per tag and spend its time merging them.)
    fn write_tags(&mut self, store: &mut Store) -> Result<()> {
        let pending = std::mem::take(&mut self.pending_tags);
        for chunk in pending.chunks(BATCH) {
            store.write(|w| {
                for (kind, id, tag) in chunk {
                    w.tag(*kind, &unpack(*id), tag)?;
                }
                Ok(())
            })?;
        }
        self.summary.tagged += pending.len() as u64;
        Ok(())
    }
}
