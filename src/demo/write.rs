//! Writing the plan: each kind of record in batched transactions through the public write path.

use super::*;

impl Generator {
    pub(super) fn write_products(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        if self.n == 0 {
            return Ok(());
        }
        let mut rng = Rng::stream(self.seed, stream::PRODUCTS);
        batched(store, PRODUCTS.len(), BATCH, progress, |w, i| {
            let p = &PRODUCTS[i];
            let mut input = Input::new();
            put(&mut input, "name", p.name);
            put(&mut input, "sku", p.sku);
            put(&mut input, "price", money(p.price));
            put(&mut input, "currency", "USD");
            put(&mut input, "category", p.category);
            put(&mut input, "description", p.description);
            // A couple of discontinued items, as in every real catalogue.
            put(
                &mut input,
                "active",
                if i >= 27 && rng.chance(0.5) {
                    "no"
                } else {
                    "yes"
                },
            );
            let id = self.create(w, Kind::Product, &input)?;
            self.product_ids.push(pack(&id)?);
            Ok(1)
        })
    }

    pub(super) fn write_companies(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::COMPANIES);
        let count = self.companies.len();
        batched(store, count, BATCH, progress, |w, i| {
            let plan = &self.companies[i];
            let city = &CITIES[plan.city as usize];
            let industry = &INDUSTRIES[plan.industry as usize];
            let mut input = Input::new();
            put(&mut input, "name", plan.name.as_str());
            put(&mut input, "industry", industry.en);
            put(&mut input, "domain", plan.domain.as_str());
            put(
                &mut input,
                "website",
                format!("https://www.{}", plan.domain),
            );
            let mailbox = rng.pick(&["info", "sales", "contact", "service", "office"]);
            put(&mut input, "email", format!("{mailbox}@{}", plan.domain));
            put(&mut input, "phone", landline(&mut rng, city));
            if rng.chance(0.7) {
                put(&mut input, "address", street_address(&mut rng, city));
            }
            put(&mut input, "city", city.name);
            put(&mut input, "country", city.country);
            let employees = (10f64.powf(rng.unit() * 3.7) as i64).max(1);
            put(&mut input, "employees", employees.to_string());
            if rng.chance(0.6) {
                let terms = rng.pick(&["Net 30", "Net 30", "Net 60", "Net 15", "Prepaid", "COD"]);
                put(&mut input, "custom.Payment terms", *terms);
            }
            let key_account = rng.chance(0.05);
            let id = pack(&self.create(w, Kind::Company, &input)?)?;
            if key_account {
                self.tag(Kind::Company, id, "key account");
            }
            self.company_ids.push(id);
            Ok(1)
        })?;
        self.write_tags(store)
    }

    pub(super) fn write_contacts(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::CONTACTS);
        let mut emails: HashSet<u64> = HashSet::with_capacity(self.n);
        let orders_of = {
            let mut counts = vec![0u16; self.n];
            for o in &self.orders {
                counts[o.contact as usize] = counts[o.contact as usize].saturating_add(1);
            }
            counts
        };
        batched(store, self.n, BATCH, progress, |w, i| {
            let p = self.profiles[i];
            let city = &CITIES[p.city as usize];
            let company = p.company.map(|c| &self.companies[c as usize]);
            let who = person(&mut rng, p.lang);
            let mut input = Input::new();
            put(&mut input, "first_name", who.first.as_str());
            put(&mut input, "last_name", who.last.as_str());
            if p.email {
                let business = company.is_some() && rng.chance(0.6);
                let domain = match company {
                    Some(c) if business => c.domain.as_str(),
                    _ => *rng.pick(free_domains(city.country)),
                };
                let local = email_local(&mut rng, p.lang, &who, business, domain);
                let mut email = format!("{local}@{domain}");
                let mut n = 2;
                while !emails.insert(fnv(&email)) {
                    email = format!("{local}{n}@{domain}");
                    n += 1;
                }
                put(&mut input, "email", email);
            }
            if p.phone {
                let phone = if rng.chance(0.7) {
                    mobile(&mut rng, city)
                } else {
                    landline(&mut rng, city)
                };
                put(&mut input, "phone", phone);
            }
            if let Some(c) = p.company {
                put(
                    &mut input,
                    "company_id",
                    unpack(self.company_ids[c as usize]),
                );
                if p.job_title {
                    let titles = JOB_TITLES[p.lang.index()];
                    put(&mut input, "job_title", *rng.pick(titles));
                }
            }
            put(&mut input, "city", city.name);
            put(&mut input, "country", city.country);
            if rng.chance(0.3) {
                put(&mut input, "address", street_address(&mut rng, city));
            }
            if p.lang == Lang::En && rng.chance(0.02) {
                put(
                    &mut input,
                    "website",
                    format!("https://{}{}.com", who.first_ascii, who.last_ascii),
                );
            }
            if rng.chance(0.25) {
                let birthday = NaiveDate::from_ymd_opt(
                    rng.range(1955, 2003) as i32,
                    rng.range(1, 12) as u32,
                    rng.range(1, 28) as u32,
                )
                .unwrap_or(self.reference);
                put(
                    &mut input,
                    "birthday",
                    birthday.format("%Y-%m-%d").to_string(),
                );
            }
            let source = [
                "referral", "website", "event", "campaign", "cold", "import", "other",
            ][rng.weighted(&[22, 30, 14, 12, 8, 12, 2])];
            put(&mut input, "source", source);
            if rng.chance(0.05) {
                put(
                    &mut input,
                    "notes",
                    *rng.pick(CONTACT_NOTES[p.lang.index()]),
                );
            }
            if rng.chance(0.5) {
                put(&mut input, "custom.Preferred language", p.lang.language());
            }
            if p.lang == Lang::Zh && rng.chance(0.35) {
                let wechat = if rng.chance(0.5) {
                    format!("wxid_{}", rng.digits(10))
                } else {
                    format!("{}{}{}", who.last_ascii, who.first_ascii, rng.range(1, 999))
                };
                put(&mut input, "custom.WeChat", wechat);
            }
            let newsletter = rng.chance(0.12);
            let id = pack(&self.create(w, Kind::Contact, &input)?)?;
            let orders = orders_of[i];
            if p.segment == Segment::Loyal {
                self.tag(Kind::Contact, id, "VIP");
            }
            if p.wholesale {
                self.tag(Kind::Contact, id, "wholesale");
            }
            if orders >= 5 && p.lang == Lang::Zh {
                self.tag(Kind::Contact, id, "老客户");
            }
            if orders >= 5 && p.lang == Lang::De {
                self.tag(Kind::Contact, id, "Stammkunde");
            }
            if newsletter {
                self.tag(Kind::Contact, id, "newsletter");
            }
            self.contact_ids.push(id);
            Ok(1)
        })?;
        self.write_tags(store)
    }

    pub(super) fn write_relationships(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::RELATIONSHIPS);
        let count = self.relationships.len();
        batched(store, count, BATCH, progress, |w, i| {
            let rel = &self.relationships[i];
            let mut input = Input::new();
            put(
                &mut input,
                "contact_id",
                unpack(self.contact_ids[rel.contact as usize]),
            );
            let (kind, to_company) = match rel.kind {
                RelKind::Colleague => ("colleague", false),
                RelKind::Manager => ("manager", false),
                RelKind::Owner => ("owner", true),
                RelKind::FormerEmployee => ("former_employee", true),
                RelKind::Spouse => ("spouse", false),
                RelKind::Family => ("family", false),
                RelKind::Friend => ("friend", false),
                RelKind::Referral => ("referral", false),
                RelKind::Advisor => ("advisor", false),
            };
            put(&mut input, "kind", kind);
            if to_company {
                put(
                    &mut input,
                    "company_id",
                    unpack(self.company_ids[rel.other as usize]),
                );
            } else {
                put(
                    &mut input,
                    "other_contact_id",
                    unpack(self.contact_ids[rel.other as usize]),
                );
            }
            let started = match rel.kind {
                RelKind::Spouse => rng.range(365, 30 * 365),
                RelKind::Family => rng.range(3650, 40 * 365),
                RelKind::Referral => rng.range(10, HISTORY_DAYS),
                _ => rng.range(30, 12 * 365),
            };
            put(&mut input, "started_on", self.day(started));
            if matches!(rel.kind, RelKind::FormerEmployee) {
                put(
                    &mut input,
                    "ended_on",
                    self.day(rng.range(1, started.max(2) - 1)),
                );
            }
            if matches!(rel.kind, RelKind::Referral) && rng.chance(0.5) {
                put(&mut input, "notes", "Referred by a happy customer.");
            }
            self.create(w, Kind::Relationship, &input)?;
            Ok(1)
        })
    }

    pub(super) fn write_campaigns(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::CAMPAIGNS);
        let count = self.campaign_count;
        let mut names: HashSet<String> = HashSet::new();
        batched(store, count, BATCH, progress, |w, k| {
            // Spread over the history and two months beyond the reference date.
            let span = HISTORY_DAYS + 60;
            let starts = HISTORY_DAYS - (k as i64 * span) / count.max(1) as i64 - rng.range(0, 10);
            let ends = starts - rng.range(7, 45);
            let (template, channel) = CAMPAIGNS[k % CAMPAIGNS.len()];
            let year = self.date(starts).year().to_string();
            let mut name = template.replace("{Y}", &year);
            if template.starts_with("Newsletter") {
                name = format!("Newsletter {}", self.date(starts).format("%B %Y"));
            }
            let mut unique = name.clone();
            let mut n = 2;
            while !names.insert(unique.clone()) {
                unique = format!("{name} ({n})");
                n += 1;
            }
            let status = if starts < 0 {
                "planned"
            } else if ends > 0 {
                if rng.chance(0.06) {
                    "cancelled"
                } else {
                    "completed"
                }
            } else {
                "active"
            };
            let mut input = Input::new();
            put(&mut input, "name", unique);
            put(&mut input, "channel", channel);
            put(&mut input, "status", status);
            put(&mut input, "starts_on", self.day(starts));
            put(&mut input, "ends_on", self.day(ends));
            put(&mut input, "budget", money(rng.range(5, 200) * 10_000));
            put(&mut input, "currency", "USD");
            let id = self.create(w, Kind::Campaign, &input)?;
            self.campaigns.push(CampaignInfo {
                id: pack(&id)?,
                starts_days_ago: starts,
                ends_days_ago: ends,
                planned: status == "planned",
            });
            Ok(1)
        })
    }

    pub(super) fn write_orders(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::ORDERS);
        let count = self.orders.len();
        self.order_ids.reserve(count);
        batched(store, count, BATCH / 3, progress, |w, k| {
            let (contact, days_ago, lines, seq) = {
                let o = &self.orders[k];
                (o.contact, i64::from(o.days_ago), o.lines, o.seq)
            };
            let p = self.profiles[contact as usize];
            let status = if rng.chance(0.04) {
                5 // cancelled
            } else if days_ago > 10 && rng.chance(0.03) {
                6 // refunded
            } else if days_ago <= 1 {
                [0, 1, 2][rng.weighted(&[5, 45, 50])]
            } else if days_ago <= 7 {
                [2, 3][rng.below(2)]
            } else if rng.chance(0.98) {
                4 // delivered
            } else {
                3
            };
            self.orders[k].status = status as u8;
            let channel = if p.wholesale && rng.chance(0.8) {
                "wholesale"
            } else {
                ["online", "store", "marketplace", "phone", "other"]
                    [rng.weighted(&[55, 18, 15, 8, 4])]
            };
            let mut input = Input::new();
            let year = self.date(days_ago).year();
            let number = format!("SO-{year}-{seq:06}");
            put(&mut input, "number", number.as_str());
            put(
                &mut input,
                "contact_id",
                unpack(self.contact_ids[contact as usize]),
            );
            if let Some(c) = p.company
                && (p.wholesale || rng.chance(0.3))
            {
                put(
                    &mut input,
                    "company_id",
                    unpack(self.company_ids[c as usize]),
                );
            }
            put(&mut input, "ordered_on", self.day(days_ago));
            put(&mut input, "status", ORDER_STATUSES[status]);
            put(&mut input, "currency", "USD");
            put(&mut input, "channel", channel);
            if rng.chance(0.02) {
                let note = if p.lang == Lang::Zh {
                    *rng.pick(&["请开发票", "周末送货", "礼品包装"])
                } else {
                    *rng.pick(&[
                        "Gift wrap, please",
                        "Leave at the front desk",
                        "Invoice to accounts",
                    ])
                };
                put(&mut input, "notes", note);
            }
            if let Some(campaign) = self.order_campaign(u64::from(seq), days_ago) {
                put(&mut input, "campaign_id", unpack(campaign));
            }
            let order_id = self.create(w, Kind::Order, &input)?;
            for _ in 0..lines {
                let product = if p.wholesale && rng.chance(0.6) {
                    // Wholesale buyers restock tea and teaware.
                    *rng.pick(&[0usize, 2, 4, 6, 7, 9, 10, 11, 14])
                } else {
                    rng.skewed(PRODUCTS.len(), 1.7)
                };
                let quantity = if p.wholesale {
                    rng.range(2, 12) * 5
                } else {
                    [1, 2, 3, 4, 6][rng.weighted(&[78, 14, 4, 2, 2])]
                };
                let mut price = PRODUCTS[product].price;
                if p.wholesale {
                    price = price * 80 / 100;
                } else if rng.chance(0.08) {
                    price = price * 90 / 100;
                }
                let mut line = Input::new();
                put(&mut line, "order_id", order_id.as_str());
                put(&mut line, "product_id", unpack(self.product_ids[product]));
                put(&mut line, "description", PRODUCTS[product].name);
                put(&mut line, "quantity", quantity.to_string());
                put(&mut line, "unit_price", money(price));
                self.create(w, Kind::OrderLine, &line)?;
            }
            self.order_ids.push(pack(&order_id)?);
            Ok(1 + u64::from(lines))
        })
    }

    pub(super) fn write_deals(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let count = self.deals.len();
        batched(store, count, BATCH, progress, |w, d| {
            let plan = self.deals[d];
            let p = self.profiles[plan.contact as usize];
            let template = DEAL_TITLES[p.lang.index()][plan.title as usize];
            let title = match p.company {
                Some(c) => format!("{template} – {}", self.companies[c as usize].name),
                None => template.to_string(),
            };
            let mut input = Input::new();
            put(&mut input, "title", title);
            self.put_party(&mut input, plan.contact, p.company);
            // A closed deal is created in the stage it was closed from, then won or lost (as
            // in the app), so its history knows where in the pipeline it ended.
            let (open_stage, _) = crate::kinds::DEAL_STAGES[plan.from_stage as usize];
            put(&mut input, "stage", open_stage);
            put(&mut input, "value", money(plan.value * 100));
            put(&mut input, "currency", "USD");
            put(&mut input, "expected_close", self.day(plan.expected_close));
            let source = DEAL_SOURCES[plan.source as usize];
            put(&mut input, "source", source);
            if source == "campaign"
                && let Some(campaign) = self.deal_campaign(d)
            {
                put(&mut input, "campaign_id", unpack(campaign));
            }
            if let Some(note) = plan.note {
                put(
                    &mut input,
                    "notes",
                    ACTIVITY_SUBJECTS[3][p.lang.index()][note as usize],
                );
            }
            let id = self.create(w, Kind::Deal, &input)?;
            if let Some(closed) = plan.closed {
                let (stage_name, _) = crate::kinds::DEAL_STAGES[plan.stage as usize];
                let mut close = Input::new();
                put(&mut close, "stage", stage_name);
                put(&mut close, "closed_on", self.day(closed));
                if stage_name == "lost" {
                    put(
                        &mut close,
                        "lost_reason",
                        LOST_REASONS[plan.lost_reason as usize],
                    );
                }
                w.update(Kind::Deal, &id, &close)?;
            }
            self.deal_ids.push(pack(&id)?);
            Ok(1)
        })
    }

    pub(super) fn write_tickets(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::TICKETS);
        let count = self.ticket_count;
        batched(store, count, BATCH, progress, |w, t| {
            let order = if !self.orders.is_empty() && rng.chance(0.8) {
                Some(rng.below(self.orders.len()))
            } else {
                None
            };
            let (contact, opened) = match order {
                Some(o) => {
                    let plan = &self.orders[o];
                    let days = i64::from(plan.days_ago);
                    (plan.contact, (days - rng.range(1, 20)).max(0))
                }
                None => (rng.below(self.n) as u32, rng.range(0, HISTORY_DAYS - 1)),
            };
            let p = self.profiles[contact as usize];
            // The first few tickets cover every category; then shipping and defects dominate.
            let category = if t < TICKET_CATEGORIES.len() {
                t
            } else if order.is_some() {
                rng.weighted(&[12, 32, 22, 4, 18, 12])
            } else {
                [0, 3, 5][rng.weighted(&[35, 45, 20])]
            };
            let subjects = TICKET_SUBJECTS[category][p.lang.index()];
            let subject_index = rng.below(subjects.len());
            let subject = subjects[subject_index];
            let mut priority = ["low", "normal", "high", "urgent"][rng.weighted(&[20, 55, 20, 5])];
            if category == 2 && priority == "normal" && rng.chance(0.4) {
                priority = "high";
            }
            let status = if t < 4 {
                ["new", "waiting", "resolved", "closed"][t]
            } else if opened >= 14 {
                ["resolved", "closed", "waiting", "new"][rng.weighted(&[55, 40, 3, 2])]
            } else {
                ["new", "waiting", "resolved", "closed"][rng.weighted(&[45, 30, 20, 5])]
            };
            // Every other new ticket is being worked on (decided by its number, so the random
            // draws, and with them the rest of the demo, stay as they were).
            let status = if status == "new" && t % 2 == 1 {
                "in_progress"
            } else {
                status
            };
            let resolved = status == "resolved" || status == "closed";
            let opened_minute = rng.range(0, MINUTES_A_DAY - 1);
            let order_number = order.map(|o| {
                let plan = &self.orders[o];
                let year = self.date(i64::from(plan.days_ago)).year();
                format!("SO-{year}-{:06}", plan.seq)
            });
            let mut input = Input::new();
            put(&mut input, "subject", subject);
            put(
                &mut input,
                "description",
                ticket_description(p.lang, subject, order_number.as_deref()),
            );
            put(
                &mut input,
                "contact_id",
                unpack(self.contact_ids[contact as usize]),
            );
            if let Some(c) = p.company
                && rng.chance(0.5)
            {
                put(
                    &mut input,
                    "company_id",
                    unpack(self.company_ids[c as usize]),
                );
            }
            if let Some(o) = order {
                put(&mut input, "order_id", unpack(self.order_ids[o]));
            }
            put(&mut input, "status", status);
            put(&mut input, "priority", priority);
            put(&mut input, "category", TICKET_CATEGORIES[category]);
            put(&mut input, "opened_at", self.instant(opened, opened_minute));
            let opened_at = -opened * MINUTES_A_DAY + opened_minute;
            if resolved {
                // Resolved within hours or days, never after the reference day; first answered
                // a third of the way there.
                let resolved_at =
                    (opened_at + rng.range(30, 10 * MINUTES_A_DAY)).min(MINUTES_A_DAY - 1);
                let answered = opened_at + ((resolved_at - opened_at) / 3).max(5);
                put(
                    &mut input,
                    "first_response_at",
                    self.instant_at(answered.min(resolved_at)),
                );
                put(&mut input, "resolved_at", self.instant_at(resolved_at));
            } else {
                if status != "new" {
                    // Answered within ten hours of its opening (by its number, as above).
                    let answered = opened_at + (t as i64 * 97) % 600 + 10;
                    let answered = answered.min(MINUTES_A_DAY - 1);
                    put(&mut input, "first_response_at", self.instant_at(answered));
                }
                put(&mut input, "follow_up_on", self.day(-rng.range(1, 7)));
            }
            let id = self.create(w, Kind::Ticket, &input)?;
            self.tickets.push(TicketInfo {
                id: pack(&id)?,
                contact,
                category: category as u8,
                subject: subject_index as u8,
                opened_days_ago: opened,
                resolved,
            });
            Ok(1)
        })
    }

    pub(super) fn write_activities(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::ACTIVITIES);
        let general = self.activity_count;
        let about_deals = general + self.touches.len();
        let units = about_deals + self.follow_up_count;
        batched(store, units, BATCH, progress, |w, a| {
            let input = if a < general {
                self.activity(&mut rng, a)
            } else if a < about_deals {
                self.deal_activity(&mut rng, self.touches[a - general])
            } else {
                self.follow_up(&mut rng)
            };
            self.create(w, Kind::Activity, &input)?;
            Ok(1)
        })
    }

    /// A call, email, meeting, note or task with a contact, about no deal.
    pub(super) fn activity(&self, rng: &mut Rng, a: usize) -> Input {
        let contact = rng.below(self.n) as u32;
        let p = self.profiles[contact as usize];
        let kind = if a < ACTIVITY_KINDS.len() {
            a
        } else {
            rng.weighted(&[30, 30, 13, 12, 15])
        };
        let subject = *rng.pick(ACTIVITY_SUBJECTS[kind][p.lang.index()]);
        let mut input = Input::new();
        put(&mut input, "kind", ACTIVITY_KINDS[kind]);
        put(&mut input, "subject", subject);
        self.put_party(&mut input, contact, p.company);
        let days_ago = rng.range(0, HISTORY_DAYS - 1);
        if ACTIVITY_KINDS[kind] == "task" {
            let due = days_ago.min(120) - rng.range(0, 45);
            put(&mut input, "due_on", self.day(due));
            let done = if due > 0 {
                rng.chance(0.8)
            } else {
                rng.chance(0.1)
            };
            put(&mut input, "done", if done { "yes" } else { "no" });
            if done {
                put(
                    &mut input,
                    "occurred_at",
                    self.instant(due.max(0), Generator::work_minute(rng)),
                );
            }
        } else {
            put(
                &mut input,
                "occurred_at",
                self.instant(days_ago, Generator::work_minute(rng)),
            );
        }
        note_about_product(rng, &mut input, kind, p.lang, subject);
        input
    }

    /// An activity of a deal's timeline (see [`plan_deals`]).
    pub(super) fn deal_activity(&self, rng: &mut Rng, touch: Touch) -> Input {
        let deal = &self.deals[touch.deal as usize];
        let p = self.profiles[deal.contact as usize];
        let kind = usize::from(touch.kind);
        let subjects = ACTIVITY_SUBJECTS[kind][p.lang.index()];
        // Each kind's first subject opens a deal: an intro call, a price list, a demo.
        let subject = if touch.opening {
            subjects[0]
        } else {
            *rng.pick(subjects)
        };
        let mut input = Input::new();
        put(&mut input, "kind", ACTIVITY_KINDS[kind]);
        put(&mut input, "subject", subject);
        self.put_party(&mut input, deal.contact, p.company);
        put(
            &mut input,
            "deal_id",
            unpack(self.deal_ids[touch.deal as usize]),
        );
        let days_ago = i64::from(touch.days_ago);
        if ACTIVITY_KINDS[kind] == "task" {
            // A deal's to-dos are its next steps: coming up, or overdue when it went quiet.
            put(&mut input, "due_on", self.day(days_ago));
            put(&mut input, "done", "no");
        } else {
            put(
                &mut input,
                "occurred_at",
                self.instant(days_ago, Generator::work_minute(rng)),
            );
        }
        note_about_product(rng, &mut input, kind, p.lang, subject);
        input
    }

    /// A call, email or task following up a ticket.
    pub(super) fn follow_up(&self, rng: &mut Rng) -> Input {
        let ticket = &self.tickets[rng.below(self.tickets.len())];
        let p = self.profiles[ticket.contact as usize];
        let subject =
            TICKET_SUBJECTS[ticket.category as usize][p.lang.index()][ticket.subject as usize];
        let kind = ["call", "email", "task"][rng.weighted(&[35, 40, 25])];
        let mut input = Input::new();
        put(&mut input, "kind", kind);
        put(
            &mut input,
            "subject",
            format!("{}{subject}", follow_up_prefix(p.lang)),
        );
        put(
            &mut input,
            "contact_id",
            unpack(self.contact_ids[ticket.contact as usize]),
        );
        put(&mut input, "ticket_id", unpack(ticket.id));
        let days_ago = (ticket.opened_days_ago - rng.range(0, 3)).max(0);
        if kind == "task" {
            put(&mut input, "due_on", self.day(ticket.opened_days_ago - 2));
            put(
                &mut input,
                "done",
                if ticket.resolved { "yes" } else { "no" },
            );
            if ticket.resolved {
                put(
                    &mut input,
                    "occurred_at",
                    self.instant(days_ago, Generator::work_minute(rng)),
                );
            }
        } else {
            put(
                &mut input,
                "occurred_at",
                self.instant(days_ago, Generator::work_minute(rng)),
            );
        }
        input
    }

    pub(super) fn write_campaign_members(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::MEMBERS);
        let k = self.campaigns.len();
        if k == 0 || self.n == 0 {
            return Ok(());
        }
        // Member j of campaign c: contacts are visited in a per-campaign permutation
        // (i = a·j + b mod n with a coprime to n), so no contact is invited twice to one campaign.
        let n = self.n as u64;
        let per: Vec<usize> = (0..k)
            .map(|c| (self.member_count / k + usize::from(c < self.member_count % k)).min(self.n))
            .collect();
        let mut slots: Vec<(usize, u64, u64)> = Vec::with_capacity(k);
        for &members in &per {
            let mut a = rng.range(1, (n as i64).max(1)) as u64;
            while gcd(a, n) != 1 {
                a = a % n + 1;
            }
            slots.push((members, a, rng.below(self.n) as u64));
        }
        let units: usize = per.iter().sum();
        let mut campaign = 0;
        let mut j = 0u64;
        batched(store, units, BATCH, progress, |w, _| {
            while j as usize >= slots[campaign].0 {
                campaign += 1;
                j = 0;
            }
            let (_, a, b) = slots[campaign];
            let contact =
                ((u128::from(a) * u128::from(j) + u128::from(b)) % u128::from(n)) as usize;
            j += 1;
            let info = &self.campaigns[campaign];
            let p = self.profiles[contact];
            let status = if info.planned {
                "invited"
            } else {
                MEMBER_STATUSES[rng.weighted(&[6, 36, 25, 15, 8, 5, 5])]
            };
            let mut input = Input::new();
            put(&mut input, "campaign_id", unpack(info.id));
            put(&mut input, "contact_id", unpack(self.contact_ids[contact]));
            put(&mut input, "status", status);
            if matches!(status, "responded" | "converted" | "unsubscribed") {
                let at = (info.starts_days_ago - rng.range(1, 20)).max(0);
                put(
                    &mut input,
                    "responded_at",
                    self.instant(at, Generator::work_minute(&mut rng)),
                );
            }
            if matches!(status, "responded" | "converted") {
                put(
                    &mut input,
                    "response",
                    *rng.pick(CAMPAIGN_RESPONSES[p.lang.index()]),
                );
            }
            self.create(w, Kind::CampaignMember, &input)?;
            Ok(1)
        })
    }

    pub(super) fn write_feedback(
        &mut self,
        store: &mut Store,
        progress: &mut Progress<'_>,
    ) -> Result<()> {
        let mut rng = Rng::stream(self.seed, stream::FEEDBACK);
        let count = self.feedback_count;
        batched(store, count, BATCH, progress, |w, _| {
            let source = rng.weighted(&[65, 25, 10]);
            let mut input = Input::new();
            let (contact, received, after_ticket) = match source {
                0 if !self.orders.is_empty() => {
                    let o = rng.below(self.orders.len());
                    let plan = &self.orders[o];
                    put(&mut input, "order_id", unpack(self.order_ids[o]));
                    let days = (i64::from(plan.days_ago) - rng.range(3, 20)).max(0);
                    (plan.contact, days, false)
                }
                1 if !self.tickets.is_empty() => {
                    let t = &self.tickets[rng.below(self.tickets.len())];
                    put(&mut input, "ticket_id", unpack(t.id));
                    let days = (t.opened_days_ago - rng.range(1, 12)).max(0);
                    (t.contact, days, true)
                }
                _ => (
                    rng.below(self.n) as u32,
                    rng.range(0, HISTORY_DAYS - 1),
                    false,
                ),
            };
            let p = self.profiles[contact as usize];
            // Unhappy customers are over-represented among those who had a ticket.
            let weights: &[u32] = if after_ticket {
                &[15, 12, 18, 25, 30]
            } else {
                &[7, 7, 14, 30, 42]
            };
            let rating = rng.weighted(weights) as i64 + 1;
            let nps = match rating {
                5 => rng.range(9, 10),
                4 => rng.range(7, 9),
                3 => rng.range(5, 7),
                2 => rng.range(2, 5),
                _ => rng.range(0, 3),
            };
            let shape = rng.weighted(&[80, 10, 10]);
            if shape != 1 {
                put(&mut input, "rating", rating.to_string());
            }
            if shape != 2 {
                put(&mut input, "nps", nps.to_string());
            }
            if rng.chance(0.75) || shape != 0 {
                let chinese = p.lang == Lang::Zh && rng.chance(0.9);
                let sentiment = match rating {
                    4 | 5 => 2,
                    3 => 1,
                    _ => 0,
                };
                let pool = FEEDBACK_COMMENTS[usize::from(chinese)][sentiment];
                let first = rng.below(pool.len());
                let mut comment = pool[first].to_string();
                if rng.chance(0.4) {
                    let second = (first + 1 + rng.below(pool.len() - 1)) % pool.len();
                    if !chinese {
                        comment.push(' ');
                    }
                    comment.push_str(pool[second]);
                }
                put(&mut input, "comment", comment);
            }
            let channel = ["survey", "email", "review", "chat", "phone", "in_person"]
                [rng.weighted(&[40, 15, 25, 10, 6, 4])];
            put(&mut input, "channel", channel);
            put(
                &mut input,
                "contact_id",
                unpack(self.contact_ids[contact as usize]),
            );
            put(
                &mut input,
                "received_at",
                self.instant(received, rng.range(0, MINUTES_A_DAY - 1)),
            );
            self.create(w, Kind::Feedback, &input)?;
            Ok(1)
        })
    }
}
