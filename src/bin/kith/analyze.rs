//! `kith analyze`: analytics over the database, explained.

use clap::{Arg, ArgMatches, Command, value_parser};
use kith::analytics::charts::Language;
use kith::analytics::{self, ValueOptions, dashboard};
use kith::store::MetricColumn;
use kith::{Error, Store};

use crate::{Output, table};

/// The `analyze` command and its subcommands.
pub fn analyze_command() -> Command {
    let as_of = Arg::new("as-of")
        .long("as-of")
        .value_name("YYYY-MM-DD")
        .help("Analyse as of this day: later orders are ignored (default: today)");
    Command::new("analyze")
        .about("Customer analytics: RFM scores, segments, lifetime value")
        .subcommand_required(true)
        .subcommand(
            Command::new("all")
                .about(
                    "Recompute and store every per-customer figure: RFM, segments, lifetime \
                     value and lead scores (what the contacts list shows and filters by)",
                )
                .arg(as_of.clone()),
        )
        .subcommand(
            Command::new("rules")
                .about(
                    "The rule-based lead score's rules and points (used while there are too few \
                     closed deals to learn from); change points with --set",
                )
                .arg(
                    Arg::new("set")
                        .long("set")
                        .value_name("RULE=POINTS")
                        .action(clap::ArgAction::Append)
                        .help(
                            "Give a rule these points (−100 to 100; 0 switches it off); repeatable",
                        ),
                )
                .arg(
                    Arg::new("reset")
                        .long("reset")
                        .action(clap::ArgAction::SetTrue)
                        .conflicts_with("set")
                        .help("Put every rule back to its default points"),
                ),
        )
        .subcommand(
            Command::new("rfm")
                .about(
                    "Recency, frequency and spend scored 1–5 per customer, and the R×F segments \
                     (Champions … Hibernating)",
                )
                .arg(as_of.clone())
                .arg(limit_arg()),
        )
        .subcommand(
            Command::new("segments")
                .about(
                    "Customer segments by k-means on recency, frequency and spend (k chosen by \
                     silhouette unless given)",
                )
                .arg(as_of.clone())
                .arg(
                    Arg::new("k")
                        .long("k")
                        .value_parser(value_parser!(usize))
                        .help("Number of segments (default: chosen by silhouette over 2..8)"),
                ),
        )
        .subcommand(
            Command::new("target")
                .about(
                    "Invite every contact of a segment to a campaign (run `analyze rfm` or \
                     `analyze segments` first)",
                )
                .arg(Arg::new("campaign").required(true).help("Campaign id"))
                .arg(
                    Arg::new("segment")
                        .long("segment")
                        .value_name("NAME")
                        .help("An R×F segment, e.g. Champions or \"At Risk\""),
                )
                .arg(
                    Arg::new("cluster")
                        .long("cluster")
                        .value_name("NAME")
                        .conflicts_with("segment")
                        .help("A k-means segment by its name"),
                )
                .group(
                    clap::ArgGroup::new("which")
                        .args(["segment", "cluster"])
                        .required(true),
                ),
        )
        .subcommand(
            Command::new("scores")
                .about(
                    "A 0–100 score for every open deal with the factors that moved it (learned \
                     from your won and lost deals, or transparent rules while there are few)",
                )
                .arg(as_of.clone())
                .arg(limit_arg()),
        )
        .subcommand(
            Command::new("forecast")
                .about("Weighted pipeline by expected close month against won revenue by month")
                .arg(as_of.clone()),
        )
        .subcommand(
            Command::new("satisfaction")
                .about(
                    "CSAT and NPS by month, sentiment and keywords of recent feedback, category \
                     suggestions for tickets",
                )
                .arg(as_of.clone())
                .arg(
                    Arg::new("recent")
                        .long("recent")
                        .value_name("DAYS")
                        .default_value("90")
                        .value_parser(value_parser!(u32))
                        .help("How many days count as recent"),
                ),
        )
        .subcommand(
            Command::new("clv")
                .about(
                    "Expected purchases, probability still active and lifetime value per \
                     customer over 90 and 365 days (BG/NBD + Gamma-Gamma fitted on your orders)",
                )
                .arg(as_of)
                .arg(
                    Arg::new("discount")
                        .long("discount")
                        .value_name("RATE")
                        .default_value("0")
                        .value_parser(value_parser!(f64))
                        .help("Discount rate per month, e.g. 0.01 for 1 %"),
                )
                .arg(limit_arg()),
        )
}

fn limit_arg() -> Arg {
    Arg::new("limit")
        .long("limit")
        .default_value("20")
        .value_parser(value_parser!(usize))
        .help("Customers shown in the table (the JSON has all)")
}

/// A date option, read like every date Kith takes (YYYY-MM-DD, also with / or .).
pub(crate) fn date_arg(m: &ArgMatches, name: &str) -> Result<Option<chrono::NaiveDate>, Error> {
    m.get_one::<String>(name)
        .map(|d| kith::values::parse_date(d).map_err(|reason| Error::invalid(name, reason)))
        .transpose()
}

/// The line under a table cut at `limit` rows (empty when nothing was cut).
fn more(total: usize, limit: usize) -> String {
    if total > limit {
        format!(
            "… and {} more (--limit, or --json for all)\n",
            total - limit
        )
    } else {
        String::new()
    }
}

/// Runs `kith analyze …`.
pub fn run_analyze(store: &mut Store, m: &ArgMatches) -> Result<Output, Error> {
    match m.subcommand() {
        Some(("all", m)) => {
            let mut last = None;
            let summary = analytics::refresh(store, date_arg(m, "as-of")?, &mut |p| {
                if last != Some(p.step) {
                    last = Some(p.step);
                    eprintln!("{} ({} of {})…", p.label, p.index, p.total);
                }
            })?;
            let took: Vec<String> = summary
                .took
                .iter()
                .map(|t| format!("{} {:.1} s", t.step.label(), t.ms as f64 / 1000.0))
                .collect();
            let text = format!(
                "as of {}: {} customers scored, {} valued, {} open deals scored\n{}\n",
                summary.as_of,
                summary.customers,
                summary.valued,
                summary.open_deals,
                took.join(", ")
            );
            Output::new(&summary, text)
        }
        Some(("rules", m)) => {
            let rules = if m.get_flag("reset") {
                analytics::reset_rule_points(store)?
            } else if let Some(pairs) = m.get_many::<String>("set") {
                let mut points = std::collections::BTreeMap::new();
                for pair in pairs {
                    let parsed = pair
                        .split_once('=')
                        .and_then(|(id, p)| Some((id.trim(), p.trim().parse::<i32>().ok()?)));
                    let Some((id, p)) = parsed else {
                        return Err(Error::invalid(
                            "set",
                            format!("'{pair}' is not RULE=POINTS (e.g. recent_meeting=20)"),
                        ));
                    };
                    points.insert(id.to_string(), p);
                }
                analytics::set_rule_points(store, &points)?
            } else {
                analytics::score_rules(store)?
            };
            Output::new(&rules, rules_text(&rules))
        }
        Some(("rfm", m)) => {
            let view = analytics::rfm_scores(store, date_arg(m, "as-of")?)?;
            let limit = *m.get_one::<usize>("limit").expect("defaulted");
            Output::new(&view, rfm_text(&view, limit))
        }
        Some(("segments", m)) => {
            let k = m.get_one::<usize>("k").copied();
            let view = analytics::customer_segments(store, date_arg(m, "as-of")?, k)?;
            Output::new(&view, segments_text(&view))
        }
        Some(("target", m)) => {
            let campaign = m.get_one::<String>("campaign").expect("required");
            let (column, value) = match m.get_one::<String>("segment") {
                Some(s) => (MetricColumn::RfmSegment, s),
                None => (
                    MetricColumn::Cluster,
                    m.get_one::<String>("cluster").expect("one is required"),
                ),
            };
            let r = store.target_campaign(campaign, column, value)?;
            let text = format!(
                "{} contacts in '{value}': {} invited, {} already members\n",
                r.in_segment, r.added, r.already_members
            );
            Output::new(&r, text)
        }
        Some(("scores", m)) => {
            let view = analytics::lead_scores(store, date_arg(m, "as-of")?)?;
            let limit = *m.get_one::<usize>("limit").expect("defaulted");
            Output::new(&view, scores_text(&view, limit))
        }
        Some(("forecast", m)) => {
            let view = analytics::forecast(store, date_arg(m, "as-of")?)?;
            Output::new(&view, forecast_text(&view))
        }
        Some(("satisfaction", m)) => {
            let recent = *m.get_one::<u32>("recent").expect("defaulted");
            let view = analytics::satisfaction_report(store, date_arg(m, "as-of")?, recent)?;
            Output::new(&view, satisfaction_text(&view))
        }
        Some(("clv", m)) => {
            let opts = ValueOptions {
                as_of: date_arg(m, "as-of")?,
                monthly_discount_rate: *m.get_one::<f64>("discount").expect("defaulted"),
            };
            let report = analytics::customer_value(store, &opts)?;
            let limit = *m.get_one::<usize>("limit").expect("defaulted");
            Output::new(&report, clv_text(&report, limit))
        }
        _ => unreachable!("clap requires a subcommand"),
    }
}

fn rules_text(r: &analytics::ScoreRules) -> String {
    let rows: Vec<Vec<String>> = r
        .rules
        .iter()
        .map(|rule| {
            vec![
                rule.id.clone(),
                rule.description.clone(),
                format!("{:+}", rule.points),
                if rule.points == rule.default_points {
                    String::new()
                } else {
                    format!("(default {:+})", rule.default_points)
                },
            ]
        })
        .collect();
    format!(
        "Every deal starts at {} and each rule that holds adds its points (0–100 in the end):\n{}",
        r.base,
        table(
            &[
                "Rule".into(),
                "Holds when".into(),
                "Points".into(),
                String::new()
            ],
            &rows
        )
    )
}

fn clv_text(r: &analytics::ValueReport, limit: usize) -> String {
    let mut text = format!(
        "Lifetime value as of {}: {} customers with purchases, {} bought more than once\n",
        r.as_of, r.customers, r.repeat_customers
    );
    if let Some(bg) = &r.purchase_model {
        text.push_str(&format!(
            "Purchase model (BG/NBD, days): r {:.3}, α {:.2}, a {:.3}, b {:.3}\n",
            bg.r, bg.alpha, bg.a, bg.b
        ));
    }
    if let Some(gg) = &r.spend_model {
        text.push_str(&format!(
            "Spend model (Gamma-Gamma): p {:.2}, q {:.2}, v {:.2}\n",
            gg.p, gg.q, gg.v
        ));
    }
    for note in &r.notes {
        text.push_str(&format!("Note: {note}\n"));
    }
    if r.values.is_empty() {
        return text;
    }
    let money = |v: f64| format!("{v:.2}");
    let rows: Vec<Vec<String>> = r
        .values
        .iter()
        .take(limit)
        .map(|v| {
            vec![
                v.name.clone(),
                v.purchase_days.to_string(),
                v.last_purchase.to_string(),
                format!("{:.0}%", v.p_alive * 100.0),
                format!("{:.2}", v.purchases_365),
                money(v.spend_per_purchase),
                money(v.clv_90),
                money(v.clv_365),
            ]
        })
        .collect();
    let headers: Vec<String> = [
        "Customer",
        "Purchases",
        "Last",
        "Active",
        "Next 365 d",
        "Per purchase",
        "CLV 90 d",
        "CLV 365 d",
    ]
    .map(String::from)
    .to_vec();
    text.push('\n');
    text.push_str(&table(&headers, &rows));
    text.push_str(&more(r.values.len(), limit));
    text
}

fn rfm_text(v: &analytics::RfmView, limit: usize) -> String {
    let mut text = format!(
        "RFM as of {}: {} customers with purchases\n",
        v.as_of,
        v.customers.len()
    );
    if let Some(thin) = &v.thin_data {
        text.push_str(&format!("Note: {thin}\n"));
    }
    if v.orders_after > 0 {
        text.push_str(&format!(
            "Note: {} orders dated after {} are not counted\n",
            v.orders_after, v.as_of
        ));
    }
    let headers: Vec<String> = ["Segment", "Customers", "What it means"]
        .map(String::from)
        .to_vec();
    let rows: Vec<Vec<String>> = v
        .segments
        .iter()
        .map(|s| {
            vec![
                s.label.to_string(),
                s.count.to_string(),
                s.description.to_string(),
            ]
        })
        .collect();
    text.push('\n');
    text.push_str(&table(&headers, &rows));
    if v.customers.is_empty() {
        return text;
    }
    let headers: Vec<String> = [
        "Customer",
        "R",
        "F",
        "M",
        "Segment",
        "Days since",
        "Orders",
        "Spend",
    ]
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = v
        .customers
        .iter()
        .take(limit)
        .map(|c| {
            let s = &c.score;
            vec![
                c.name.clone(),
                s.r.to_string(),
                s.f.to_string(),
                s.m.to_string(),
                s.segment.label().to_string(),
                s.recency_days.to_string(),
                s.frequency.to_string(),
                format!("{:.2}", s.monetary_cents as f64 / 100.0),
            ]
        })
        .collect();
    text.push('\n');
    text.push_str(&table(&headers, &rows));
    text.push_str(&more(v.customers.len(), limit));
    text
}

fn segments_text(v: &analytics::SegmentView) -> String {
    let s = &v.segmentation;
    let how = match s.k_choice {
        analytics::segments::KChoice::Given => "as asked".to_string(),
        analytics::segments::KChoice::Silhouette => {
            let best = s
                .k_scores
                .iter()
                .find(|k| k.k == s.k)
                .and_then(|k| k.silhouette)
                .unwrap_or(0.0);
            format!("chosen by silhouette ({best:.2})")
        }
        analytics::segments::KChoice::Single => "one group".to_string(),
        analytics::segments::KChoice::Empty => "no customers".to_string(),
    };
    let mut text = format!(
        "Segments as of {}: {} customers in {} segments, {how}\n",
        v.as_of,
        s.assignments.len(),
        s.k
    );
    for note in &s.notes {
        text.push_str(&format!("Note: {note}\n"));
    }
    if s.clusters.is_empty() {
        return text;
    }
    let headers: Vec<String> = [
        "Segment",
        "Customers",
        "Days since last order",
        "Orders",
        "Spend",
    ]
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = s
        .clusters
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                c.size.to_string(),
                format!("{:.0}", c.mean_recency_days),
                format!("{:.1}", c.mean_orders),
                format!("{:.2}", c.mean_spend),
            ]
        })
        .collect();
    text.push('\n');
    text.push_str(&table(&headers, &rows));
    text
}

fn scores_text(v: &analytics::ScoreView, limit: usize) -> String {
    use kith::analytics::lead_score::ScoreMethod;
    let mut text = match &v.method {
        ScoreMethod::Learned {
            closed,
            won,
            lost,
            training_auc,
        } => format!(
            "Lead scores as of {}: learned from {closed} closed deals ({won} won, {lost} lost; \
             AUC {training_auc:.2})\n",
            v.as_of
        ),
        ScoreMethod::RuleBased { explanation, .. } => format!(
            "Lead scores as of {}: rule-based — {explanation}\n",
            v.as_of
        ),
    };
    if v.deals.is_empty() {
        text.push_str("No open deals to score.\n");
        return text;
    }
    let headers: Vec<String> = ["Deal", "Stage", "Score", "Why"].map(String::from).to_vec();
    let rows: Vec<Vec<String>> = v
        .deals
        .iter()
        .take(limit)
        .map(|d| {
            let why: Vec<&str> = d
                .score
                .raised_by
                .iter()
                .chain(&d.score.lowered_by)
                .take(3)
                .map(|f| f.summary.as_str())
                .collect();
            vec![
                d.title.clone(),
                d.stage.clone(),
                d.score.score.to_string(),
                why.join("; "),
            ]
        })
        .collect();
    text.push('\n');
    text.push_str(&table(&headers, &rows));
    text.push_str(&more(v.deals.len(), limit));
    text
}

fn forecast_text(v: &analytics::Forecast) -> String {
    let mut text = format!(
        "Forecast as of {}: weighted pipeline {:.2}\n",
        v.as_of, v.weighted_total
    );
    for note in &v.notes {
        text.push_str(&format!("Note: {note}\n"));
    }
    let headers: Vec<String> = [
        "Month",
        "Won",
        "Trend",
        "Open deals",
        "Pipeline",
        "Weighted",
    ]
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = v
        .months
        .iter()
        .map(|m| {
            vec![
                m.month.clone(),
                format!("{:.2}", m.won),
                m.trend.map(|t| format!("{t:.2}")).unwrap_or_default(),
                m.deals.to_string(),
                format!("{:.2}", m.pipeline),
                format!("{:.2}", m.weighted),
            ]
        })
        .collect();
    text.push('\n');
    text.push_str(&table(&headers, &rows));
    text
}

fn satisfaction_text(v: &analytics::SatisfactionView) -> String {
    let pct = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.0}%"));
    let csat = &v.csat.overall;
    let nps = &v.nps.overall;
    let mut text = format!(
        "Satisfaction as of {}\nCSAT: {} ratings, average {}, {} satisfied (4–5)\n\
         NPS: {} responses, NPS {}\n",
        v.as_of,
        csat.responses,
        csat.average.map_or("–".into(), |a| format!("{a:.2}")),
        pct(csat.satisfied_pct),
        nps.responses,
        nps.nps.map_or("–".into(), |n| format!("{n:+.0}")),
    );
    let [pos, neu, neg] = v.sentiment_counts;
    text.push_str(&format!(
        "Last {} days: {pos} positive, {neu} neutral, {neg} negative texts\n",
        v.recent_days
    ));
    if !v.keywords.is_empty() {
        let words: Vec<&str> = v.keywords.iter().map(|k| k.term.as_str()).collect();
        text.push_str(&format!("Keywords: {}\n", words.join(", ")));
    }
    for t in &v.most_negative {
        let times = if t.times > 1 {
            format!(", said {} times", t.times)
        } else {
            String::new()
        };
        text.push_str(&format!(
            "Negative ({}, {:.2}{times}): {}\n",
            t.source, t.sentiment.score, t.text
        ));
    }
    if let Some(note) = &v.classifier_note {
        text.push_str(&format!("Ticket categories: {note}\n"));
    }
    for s in &v.ticket_suggestions {
        if let Some(c) = &s.prediction.suggestion {
            text.push_str(&format!("Suggest category '{c}' for: {}\n", s.subject));
        }
    }
    text
}

/// The `chart` command.
pub fn chart_command() -> Command {
    let names: Vec<&str> = dashboard::CHARTS.iter().map(|(n, _)| *n).collect();
    let date = |name: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .value_name("YYYY-MM-DD")
            .help(help)
    };
    Command::new("chart")
        .about("Draw a dashboard chart as SVG or PNG")
        .arg(
            Arg::new("name")
                .required(true)
                .value_parser(names)
                .help("Which chart"),
        )
        .arg(
            Arg::new("out")
                .long("out")
                .required(true)
                .value_name("FILE.svg|FILE.png")
                .value_parser(value_parser!(std::path::PathBuf)),
        )
        .arg(date(
            "from",
            "First day of the period (default: 24 months back)",
        ))
        .arg(date("to", "Last day of the period (default: today)"))
        .arg(
            Arg::new("size")
                .long("size")
                .value_name("WxH")
                .help("Size in pixels (default 640x360)"),
        )
        .arg(
            Arg::new("lang")
                .long("lang")
                .value_name("LANG")
                .value_parser(Language::ALL.map(Language::code))
                .default_value("en")
                .help("Language of the words in the chart: en (English) or zh (简体中文)"),
        )
}

/// Runs `kith chart …`.
pub fn run_chart(store: &mut Store, m: &ArgMatches) -> Result<Output, Error> {
    let name = m.get_one::<String>("name").expect("required");
    let out = m.get_one::<std::path::PathBuf>("out").expect("required");
    let size = m
        .get_one::<String>("size")
        .map(|s| {
            s.split_once(['x', 'X'])
                .and_then(|(w, h)| Some((w.trim().parse().ok()?, h.trim().parse().ok()?)))
                .ok_or_else(|| Error::invalid("size", format!("'{s}' is not WIDTHxHEIGHT")))
        })
        .transpose()?;
    let language = m
        .get_one::<String>("lang")
        .and_then(|code| Language::from_code(code))
        .unwrap_or_default();
    let opts = dashboard::ChartOptions {
        from: date_arg(m, "from")?,
        to: date_arg(m, "to")?,
        size,
        language,
    };
    let png = match out.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("png") => true,
        Some(e) if e.eq_ignore_ascii_case("svg") => false,
        _ => {
            return Err(Error::invalid(
                "out",
                format!("{}: the file name must end in .svg or .png", out.display()),
            ));
        }
    };
    let svg = dashboard::chart_svg(store, name, &opts)?;
    let bytes = if png {
        dashboard::svg_to_png(&svg, 2.0)?
    } else {
        svg.into_bytes()
    };
    kith::files::write_private(out, &bytes).map_err(|e| Error::Io {
        path: out.display().to_string(),
        source: e,
    })?;
    let summary = serde_json::json!({
        "chart": name,
        "file": out.display().to_string(),
        "bytes": bytes.len(),
    });
    let text = format!("Wrote the {name} chart to {}\n", out.display());
    Output::new(&summary, text)
}
