//! Tests of the dashboard charts: SVG snapshots on fixed data, empty and invalid inputs, text
//! escaping, PNG export, a deterministic fuzz over odd inputs, and (ignored) render timings.

use std::time::Instant;

use kith::analytics::charts::*;
use resvg::usvg::roxmltree;

// ------------------------------------------------------------------------------------------
// Fixtures
// ------------------------------------------------------------------------------------------

fn style() -> ChartStyle {
    ChartStyle::with_currency("CNY")
}

/// `n` months from `year-month` with values from `f`.
fn months(year: i32, month: u32, n: usize, f: impl Fn(usize) -> f64) -> Vec<MonthValue> {
    (0..n)
        .map(|i| {
            let m = month as usize - 1 + i;
            MonthValue::new(
                format!("{:04}-{:02}", year + (m / 12) as i32, m % 12 + 1),
                f(i),
            )
        })
        .collect()
}

fn revenue() -> Vec<MonthValue> {
    let v = [41_800.0, 50_900.0, 56_000.0, 55_600.0, 51_500.0, 47_700.0];
    months(2025, 10, v.len(), |i| v[i])
}

fn stages() -> Vec<StageValue> {
    vec![
        StageValue::new("线索 Lead", 182, 1_840_000.0),
        StageValue::new("已确认 Qualified", 96, 1_220_000.0),
        StageValue::new("方案 Proposal", 41, 760_000.0),
        StageValue::new("谈判 Negotiation", 17, 410_000.0),
        StageValue::new("赢单 Won", 1, 65_000.0),
    ]
}

fn segments() -> Vec<NamedCount> {
    vec![
        NamedCount::new("冠军客户 Champions", 412),
        NamedCount::new("忠诚客户 Loyal", 655),
        NamedCount::new("新客户 New Customers", 290),
        NamedCount::new("休眠 Hibernating", 920),
        NamedCount::new("R&D <pilot>", 3),
    ]
}

fn rf_cells() -> Vec<RfCell> {
    let mut cells = Vec::new();
    for r in 1..=5u8 {
        for f in 1..=5u8 {
            cells.push(RfCell {
                r,
                f,
                count: u64::from(r) * 10 + u64::from(f),
            });
        }
    }
    cells
}

fn clv_values() -> Vec<f64> {
    // A skewed sample: many small values, a long tail, a few very large ones.
    let mut v: Vec<f64> = (0..400).map(|i| 50.0 + f64::from(i % 40) * 25.0).collect();
    v.extend((0..60).map(|i| 1_000.0 + f64::from(i) * 60.0));
    v.extend([90_000.0, 120_000.0, 250_000.0, 400_000.0, 1_000_000.0]);
    v
}

fn cities() -> Vec<NamedCount> {
    vec![
        NamedCount::new("上海", 1840),
        NamedCount::new("北京", 1620),
        NamedCount::new("深圳", 1210),
        NamedCount::new("Zürich", 120),
        NamedCount::new(
            "乌鲁木齐市天山区新华南路街道办事处附近的一个很长的地名",
            300,
        ),
        NamedCount::new("São Paulo", 95),
        NamedCount::new("", 40),
    ]
}

fn tickets() -> Vec<CategoryMonthCount> {
    let cats = [
        "退货",
        "物流 Shipping",
        "账单 Billing",
        "产品问题",
        "账户 & 登录",
        "其他",
        "发票",
    ];
    let mut out = Vec::new();
    for (mi, m) in months(2025, 11, 4, |_| 0.0).iter().enumerate() {
        for (ci, c) in cats.iter().enumerate() {
            let n = ((ci * 13 + mi * 7) % 23 + 5 * (6 - ci.min(6))) as u64;
            out.push(CategoryMonthCount::new(m.month.clone(), *c, n));
        }
    }
    out
}

/// Every chart on the fixed data, by name.
fn all_charts() -> Vec<(&'static str, String)> {
    let s = style();
    let pipeline = months(2026, 4, 4, |i| 180_000.0 - 20_000.0 * i as f64);
    let won = months(2025, 10, 6, |i| {
        60_000.0 + 4_000.0 * i as f64 + [0.0, 9e3, -6e3][i % 3]
    });
    let csat = months(2025, 10, 6, |i| [3.9, 4.1, 4.3, 4.0, 3.8, 4.2][i]);
    let nps = months(2025, 10, 6, |i| [31.0, 25.0, 12.0, -8.0, 14.0, 28.0][i]);
    vec![
        (
            "revenue_by_month",
            revenue_by_month(&revenue(), &s).unwrap(),
        ),
        ("pipeline_funnel", pipeline_funnel(&stages(), &s).unwrap()),
        ("forecast", forecast(&pipeline, &won, &s).unwrap()),
        ("segment_sizes", segment_sizes(&segments(), &s).unwrap()),
        ("rf_heatmap", rf_heatmap(&rf_cells(), &s).unwrap()),
        (
            "clv_distribution",
            clv_distribution(&clv_values(), &s).unwrap(),
        ),
        (
            "satisfaction_trend",
            satisfaction_trend(&csat, &nps, &s).unwrap(),
        ),
        (
            "customers_by_region",
            customers_by_region(&cities(), 5, &s).unwrap(),
        ),
        (
            "tickets_by_category",
            tickets_by_category(&tickets(), &s).unwrap(),
        ),
    ]
}

// ------------------------------------------------------------------------------------------
// Checks
// ------------------------------------------------------------------------------------------

/// A well-formed SVG document with no NaN or infinity anywhere in it.
fn assert_sound(svg: &str) {
    assert!(
        svg.starts_with("<svg "),
        "not an SVG: {}",
        &svg[..svg.len().min(80)]
    );
    assert!(!svg.contains("NaN"), "NaN in SVG");
    assert!(!svg.contains("inf"), "inf in SVG");
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
}

/// Attribute values only (labels may legitimately contain "inf"): no NaN or infinity.
fn assert_numbers_sound(svg: &str) {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    for node in doc.descendants().filter(|n| n.is_element()) {
        for attr in node.attributes() {
            let v = attr.value();
            assert!(
                !v.contains("NaN") && !v.contains("inf"),
                "{}={v}",
                attr.name()
            );
        }
    }
}

/// All text content of the SVG, unescaped, one entry per `<text>`.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

fn has_text(svg: &str, needle: &str) -> bool {
    texts(svg).iter().any(|t| t.contains(needle))
}

/// Number of filled rectangles other than the background.
fn bars(svg: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") != Some("#FFFFFF"))
        .count()
}

// ------------------------------------------------------------------------------------------
// Snapshots
// ------------------------------------------------------------------------------------------

#[test]
fn snapshots_of_every_chart() {
    for (name, svg) in all_charts() {
        assert_sound(&svg);
        insta::assert_snapshot!(name, svg);
    }
}

#[test]
fn snapshot_of_an_empty_chart_with_title() {
    let s = ChartStyle {
        title: Some("Revenue".into()),
        ..style()
    };
    let svg = revenue_by_month(&[], &s).unwrap();
    assert_sound(&svg);
    insta::assert_snapshot!("empty_revenue_with_title", svg);
}

#[test]
fn rendering_is_deterministic() {
    assert_eq!(all_charts(), all_charts());
}

// ------------------------------------------------------------------------------------------
// Empty and invalid input
// ------------------------------------------------------------------------------------------

#[test]
fn empty_input_says_why_in_the_middle() {
    let s = style();
    let cases = [
        (
            revenue_by_month(&[], &s),
            "No orders yet — revenue appears here",
        ),
        (pipeline_funnel(&[], &s), "No open deals yet"),
        (forecast(&[], &[], &s), "Nothing to forecast yet"),
        (segment_sizes(&[], &s), "No segments yet"),
        (rf_heatmap(&[], &s), "No customers to score yet"),
        (clv_distribution(&[], &s), "No lifetime values yet"),
        (satisfaction_trend(&[], &[], &s), "No feedback yet"),
        (customers_by_region(&[], 8, &s), "No customer locations yet"),
        (tickets_by_category(&[], &s), "No tickets yet"),
    ];
    for (svg, message) in cases {
        let svg = svg.unwrap();
        assert_sound(&svg);
        let joined = texts(&svg).join(" ");
        assert!(joined.contains(message), "{message:?} not in {joined:?}");
        assert_eq!(bars(&svg), 0, "an empty chart draws no bars");
        // The message is centred: its first line sits in the middle band of the card.
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let t = doc.descendants().find(|n| n.has_tag_name("text")).unwrap();
        assert_eq!(t.attribute("text-anchor"), Some("middle"));
        assert_eq!(t.attribute("x"), Some("320"));
        let y: i32 = t.attribute("y").unwrap().parse().unwrap();
        assert!((140..=220).contains(&y), "message at y={y}");
    }
}

#[test]
fn zero_counts_are_empty_too() {
    let s = style();
    let zero = [NamedCount::new("上海", 0), NamedCount::new("北京", 0)];
    assert!(has_text(
        &customers_by_region(&zero, 5, &s).unwrap(),
        "No customer locations"
    ));
    assert!(has_text(
        &segment_sizes(&zero, &s).unwrap(),
        "No segments yet"
    ));
    let cells = [RfCell {
        r: 1,
        f: 1,
        count: 0,
    }];
    assert!(has_text(
        &rf_heatmap(&cells, &s).unwrap(),
        "No customers to score"
    ));
    let stages = [StageValue::new("Lead", 0, 0.0)];
    assert!(has_text(
        &pipeline_funnel(&stages, &s).unwrap(),
        "No open deals"
    ));
    let t = [CategoryMonthCount::new("2026-01", "退货", 0)];
    assert!(has_text(
        &tickets_by_category(&t, &s).unwrap(),
        "No tickets yet"
    ));
}

#[test]
fn values_that_are_not_numbers_give_the_explanation() {
    let s = style();
    let nan = vec![
        MonthValue::new("2026-01", f64::NAN),
        MonthValue::new("2026-02", f64::INFINITY),
    ];
    let cases = [
        revenue_by_month(&nan, &s),
        forecast(&nan, &nan, &s),
        satisfaction_trend(&nan, &nan, &s),
        clv_distribution(&[f64::NAN, f64::NEG_INFINITY], &s),
        pipeline_funnel(&[StageValue::new("Lead", 0, f64::NAN)], &s),
    ];
    for svg in cases {
        let svg = svg.unwrap();
        assert_sound(&svg);
        // (One value "is not a number", several "are not numbers".)
        assert!(
            has_text(&svg, "not numbers") || has_text(&svg, "is not a number"),
            "{:?}",
            texts(&svg)
        );
        assert_eq!(bars(&svg), 0);
    }
}

#[test]
fn some_values_not_numbers_are_left_out_with_a_note() {
    let mut data = revenue();
    data[1].value = f64::NAN;
    let svg = revenue_by_month(&data, &style()).unwrap();
    assert_sound(&svg);
    assert!(has_text(&svg, "1 value not a number left out"));
    assert_eq!(bars(&svg), data.len() - 1);
    let clv = [100.0, f64::NAN, 200.0, 300.0];
    let svg = clv_distribution(&clv, &style()).unwrap();
    assert_sound(&svg);
    assert!(has_text(&svg, "1 value not a number left out"));
}

#[test]
fn all_zero_months_show_the_axis_and_a_note() {
    let zeros = months(2026, 1, 4, |_| 0.0);
    for svg in [
        revenue_by_month(&zeros, &style()),
        forecast(&zeros, &zeros, &style()),
    ] {
        let svg = svg.unwrap();
        assert_sound(&svg);
        assert!(has_text(&svg, "All months are zero"));
        assert!(has_text(&svg, "2026-01") && has_text(&svg, "¥0"));
    }
}

#[test]
fn a_malformed_month_is_an_error() {
    let bad = [MonthValue::new("March 2026", 1.0)];
    let err = revenue_by_month(&bad, &style()).unwrap_err();
    assert!(
        matches!(err, ChartError::InvalidMonth(ref m) if m == "March 2026"),
        "{err}"
    );
    let bad = [CategoryMonthCount::new("2026-13", "退货", 1)];
    assert!(matches!(
        tickets_by_category(&bad, &style()),
        Err(ChartError::InvalidMonth(_))
    ));
}

// ------------------------------------------------------------------------------------------
// Edge cases
// ------------------------------------------------------------------------------------------

#[test]
fn a_single_point_draws_in_every_chart() {
    let s = style();
    let one = [MonthValue::new("2026-03", 12_345.0)];
    let charts = [
        revenue_by_month(&one, &s),
        forecast(&one, &[], &s),
        forecast(&[], &one, &s),
        satisfaction_trend(&[MonthValue::new("2026-03", 4.5)], &[], &s),
        satisfaction_trend(&[], &[MonthValue::new("2026-03", -12.0)], &s),
        clv_distribution(&[250.0], &s),
        segment_sizes(&[NamedCount::new("全部", 1)], &s),
        customers_by_region(&[NamedCount::new("上海", 1)], 5, &s),
        pipeline_funnel(&[StageValue::new("Lead", 1, 100.0)], &s),
        rf_heatmap(
            &[RfCell {
                r: 5,
                f: 5,
                count: 1,
            }],
            &s,
        ),
        tickets_by_category(&[CategoryMonthCount::new("2026-03", "退货", 1)], &s),
    ];
    for svg in charts {
        let svg = svg.unwrap();
        assert_sound(&svg);
        assert!(
            !texts(&svg).iter().any(|t| t.contains("yet")),
            "{:?}",
            texts(&svg)
        );
    }
}

#[test]
fn negative_months_are_red_bars_below_zero() {
    let mut data = revenue();
    data[2].value = -8_000.0;
    let svg = revenue_by_month(&data, &style()).unwrap();
    assert_sound(&svg);
    assert!(
        svg.contains("fill=\"#E15759\""),
        "a red bar for the refund month"
    );
    assert!(has_text(&svg, "−¥8k"));
}

#[test]
fn one_huge_outlier_is_cut_and_labelled() {
    let mut data = revenue();
    data[3].value = 1_500_000.0;
    let svg = revenue_by_month(&data, &style()).unwrap();
    assert_sound(&svg);
    assert!(has_text(&svg, "¥1.5M"), "the cut bar carries its value");
    // The axis stops near the other months, not at 1.5M.
    assert!(!has_text(&svg, "¥1M") && !has_text(&svg, "¥1.5M ") && has_text(&svg, "¥60k"));
}

#[test]
fn long_labels_are_cut_with_an_ellipsis() {
    let svg = customers_by_region(&cities(), 8, &style()).unwrap();
    assert_sound(&svg);
    assert!(has_text(&svg, "乌鲁木齐市"));
    assert!(!has_text(&svg, "很长的地名"));
    assert!(
        texts(&svg)
            .iter()
            .any(|t| t.starts_with("乌鲁木齐") && t.ends_with('…'))
    );
    let long = "x".repeat(10_000);
    let svg = segment_sizes(&[NamedCount::new(long, 5)], &style()).unwrap();
    assert_sound(&svg);
    assert!(svg.len() < 20_000);
}

#[test]
fn ten_thousand_categories_become_top_n_and_other() {
    let many: Vec<NamedCount> = (0..10_000)
        .map(|i| NamedCount::new(format!("城市 {i}"), 1 + (i % 97) as u64))
        .collect();
    let svg = customers_by_region(&many, 8, &style()).unwrap();
    assert_sound(&svg);
    assert_eq!(bars(&svg), 9, "eight places and Other");
    assert!(has_text(&svg, "Other (9,992 places)"));
    let svg = segment_sizes(&many, &style()).unwrap();
    assert!(bars(&svg) <= 20, "as many segments as fit, then Other");
    assert!(has_text(&svg, "Other ("));
    let t: Vec<CategoryMonthCount> = (0..10_000)
        .map(|i| CategoryMonthCount::new(format!("2025-{:02}", 1 + i % 12), format!("c{i}"), 1))
        .collect();
    let svg = tickets_by_category(&t, &style()).unwrap();
    assert_sound(&svg);
    assert!(has_text(&svg, "Other (9,995 categories)"));
}

#[test]
fn skewed_lifetime_values_cap_the_bins_and_say_so() {
    let svg = clv_distribution(&clv_values(), &style()).unwrap();
    assert!(has_text(&svg, "bins capped at the 99th percentile"));
    assert!(svg.contains("fill=\"#BAB0AC\""), "the grey overflow bar");
    let even: Vec<f64> = (0..500).map(f64::from).collect();
    let svg = clv_distribution(&even, &style()).unwrap();
    assert!(has_text(&svg, "Lifetime value per customer"));
    assert!(!has_text(&svg, "capped"));
}

#[test]
fn months_beyond_the_window_are_noted_and_gaps_filled() {
    let long = months(2015, 1, 120, |i| 1_000.0 + i as f64);
    let svg = revenue_by_month(&long, &style()).unwrap();
    assert_sound(&svg);
    assert!(has_text(&svg, "Last 60 months shown"));
    assert_eq!(bars(&svg), 60);
    let gappy = [
        MonthValue::new("2025-01", 5.0),
        MonthValue::new("2025-12", 7.0),
    ];
    let svg = revenue_by_month(&gappy, &style()).unwrap();
    assert_eq!(bars(&svg), 2, "ten empty months in between, drawn as zero");
}

#[test]
fn sizes_are_clamped() {
    let tiny = ChartStyle {
        width: 0,
        height: 1,
        ..style()
    };
    let svg = revenue_by_month(&revenue(), &tiny).unwrap();
    assert!(svg.contains("width=\"160\" height=\"160\""));
    let huge = ChartStyle {
        width: u32::MAX,
        height: 300,
        ..style()
    };
    let svg = segment_sizes(&segments(), &huge).unwrap();
    assert!(svg.contains("width=\"4096\" height=\"300\""));
}

#[test]
fn currency_codes_and_prefixes() {
    for (currency, expected) in [
        ("USD", "$56k"),
        ("EUR", "€56k"),
        ("CHF", "CHF 56k"),
        ("₿", "₿56k"),
    ] {
        let svg = revenue_by_month(&revenue(), &ChartStyle::with_currency(currency)).unwrap();
        assert!(has_text(&svg, expected), "{currency}: {:?}", texts(&svg));
    }
}

// ------------------------------------------------------------------------------------------
// Text
// ------------------------------------------------------------------------------------------

#[test]
fn chinese_and_markup_characters_are_escaped() {
    let names = [
        NamedCount::new("研发 & 市场 <A组>", 30),
        NamedCount::new("\"引号\" 'apos'", 20),
        NamedCount::new("控制\u{0}字符\u{1b}[31m", 10),
    ];
    let svg = segment_sizes(&names, &style()).unwrap();
    assert_sound(&svg);
    assert!(
        svg.contains("研发 &amp; 市场 &lt;A组&gt;"),
        "escaped in the source"
    );
    assert!(
        has_text(&svg, "研发 & 市场 <A组>"),
        "and read back as written"
    );
    assert!(has_text(&svg, "\"引号\" 'apos'"));
    assert!(
        has_text(&svg, "控制 字符 [31m"),
        "control characters become spaces"
    );
    assert!(!svg.contains('\u{0}') && !svg.contains('\u{1b}'));
    let titled = ChartStyle {
        title: Some("收入 & <退款>".into()),
        ..style()
    };
    let svg = revenue_by_month(&revenue(), &titled).unwrap();
    assert_sound(&svg);
    assert!(svg.contains("收入 &amp; &lt;退款&gt;"));
}

#[test]
fn the_font_list_reaches_cjk_fonts_once_on_the_root() {
    let svg = segment_sizes(&segments(), &style()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let family = doc.root_element().attribute("font-family").unwrap();
    assert_eq!(family, FONT_FAMILY);
    for font in [
        "Noto Sans CJK SC",
        "Microsoft YaHei",
        "PingFang SC",
        "sans-serif",
    ] {
        assert!(family.contains(font), "{font}");
    }
    assert_eq!(svg.matches("font-family").count(), 1);
}

// ------------------------------------------------------------------------------------------
// Chinese
// ------------------------------------------------------------------------------------------

fn zh() -> ChartStyle {
    ChartStyle {
        language: Language::Zh,
        ..style()
    }
}

/// The texts of `svg` that hold a Latin letter outside the names kept in every language
/// (CSAT, NPS, the heat map's R and F when the axis names do not fit).
fn latin_texts(svg: &str) -> Vec<String> {
    texts(svg)
        .into_iter()
        .filter(|t| {
            let rest = t.replace("CSAT", "").replace("NPS", "");
            rest.chars().any(|c| c.is_ascii_alphabetic())
                && rest.trim() != "R"
                && rest.trim() != "F"
        })
        .collect()
}

/// Every chart in Chinese on Chinese data, full and in each of its odd states (empty, not
/// numbers, all zero, folded, capped), by what it shows.
fn chinese_charts() -> Vec<(&'static str, String)> {
    let s = zh();
    let stages = |n: usize, value: f64| -> Vec<StageValue> {
        ["线索", "已确认", "方案", "谈判", "赢单"]
            .iter()
            .cycle()
            .take(n)
            .enumerate()
            .map(|(i, name)| StageValue::new(*name, 1 + i as u64 * 7, value))
            .collect()
    };
    let names = |n: usize| -> Vec<NamedCount> {
        (0..n)
            .map(|i| NamedCount::new(format!("城市{i}"), 1000 - i as u64))
            .collect()
    };
    let tickets: Vec<CategoryMonthCount> = months(2025, 11, 4, |_| 0.0)
        .iter()
        .flat_map(|m| {
            [
                "退货",
                "物流",
                "账单",
                "产品问题",
                "登录",
                "其他问题",
                "发票",
            ]
            .iter()
            .enumerate()
            .map(|(i, c)| CategoryMonthCount::new(m.month.clone(), *c, 3 + i as u64))
            .collect::<Vec<_>>()
        })
        .collect();
    let pipeline = months(2026, 4, 4, |i| 180_000.0 - 20_000.0 * i as f64);
    let won = months(2025, 10, 6, |i| 60_000.0 + 4_000.0 * i as f64);
    let csat = months(2025, 10, 6, |i| [3.9, 4.1, 4.3, 4.0, 3.8, 4.2][i]);
    let nps = months(2025, 10, 6, |i| [31.0, 25.0, 12.0, -8.0, 14.0, 28.0][i]);
    let mut stale = revenue();
    stale.extend(months(2019, 1, 2, |_| 1.0));
    stale.push(MonthValue::new("2025-12", f64::NAN));
    let outside = [RfCell {
        r: 9,
        f: 1,
        count: 4,
    }];
    let mut cells = rf_cells();
    cells.extend(outside);
    let u = |r: Result<String, ChartError>| r.unwrap();
    vec![
        ("revenue", u(revenue_by_month(&revenue(), &s))),
        (
            "revenue, older months and a NaN",
            u(revenue_by_month(&stale, &s)),
        ),
        ("revenue, empty", u(revenue_by_month(&[], &s))),
        (
            "revenue, all zero",
            u(revenue_by_month(&months(2026, 1, 3, |_| 0.0), &s)),
        ),
        (
            "revenue, one NaN",
            u(revenue_by_month(
                &[MonthValue::new("2026-01", f64::NAN)],
                &s,
            )),
        ),
        (
            "revenue, NaNs",
            u(revenue_by_month(&months(2026, 1, 3, |_| f64::NAN), &s)),
        ),
        ("funnel", u(pipeline_funnel(&stages(5, 250_000.0), &s))),
        (
            "funnel, counts only",
            u(pipeline_funnel(&stages(5, 0.0), &s)),
        ),
        (
            "funnel, more stages than fit",
            u(pipeline_funnel(&stages(40, 1e4), &s)),
        ),
        ("funnel, empty", u(pipeline_funnel(&[], &s))),
        ("forecast", u(forecast(&pipeline, &won, &s))),
        (
            "forecast, all zero",
            u(forecast(&months(2026, 1, 3, |_| 0.0), &[], &s)),
        ),
        ("forecast, empty", u(forecast(&[], &[], &s))),
        ("segments", u(segment_sizes(&names(40), &s))),
        ("segments, empty", u(segment_sizes(&[], &s))),
        (
            "places",
            u(customers_by_region(
                &[names(12), vec![NamedCount::new("", 5)]].concat(),
                5,
                &s,
            )),
        ),
        ("places, empty", u(customers_by_region(&[], 5, &s))),
        ("rfm", u(rf_heatmap(&cells, &s))),
        (
            "rfm, small",
            u(rf_heatmap(
                &cells,
                &ChartStyle {
                    width: 200,
                    height: 200,
                    ..zh()
                },
            )),
        ),
        ("rfm, only outside", u(rf_heatmap(&outside, &s))),
        ("rfm, empty", u(rf_heatmap(&[], &s))),
        ("clv", u(clv_distribution(&clv_values(), &s))),
        (
            "clv, small",
            u(clv_distribution(&[120.0, 340.0, 560.0], &s)),
        ),
        ("clv, empty", u(clv_distribution(&[], &s))),
        ("satisfaction", u(satisfaction_trend(&csat, &nps, &s))),
        (
            "satisfaction, no NPS",
            u(satisfaction_trend(&csat, &[], &s)),
        ),
        ("satisfaction, empty", u(satisfaction_trend(&[], &[], &s))),
        ("tickets", u(tickets_by_category(&tickets, &s))),
        (
            "tickets, one month",
            u(tickets_by_category(&tickets[..7], &s)),
        ),
        ("tickets, empty", u(tickets_by_category(&[], &s))),
    ]
}

#[test]
fn chinese_charts_write_no_english_word() {
    for (what, svg) in chinese_charts() {
        assert_sound(&svg);
        assert_eq!(
            latin_texts(&svg),
            Vec::<String>::new(),
            "{what}: every word a Chinese chart draws is Chinese (large numbers in 万, not k)"
        );
    }
}

#[test]
fn an_empty_chart_in_chinese_says_why_in_chinese() {
    let svg = revenue_by_month(&[], &zh()).unwrap();
    assert_eq!(
        texts(&svg).join(""),
        "暂无订单——首笔订单后这里会显示收入",
        "the message is the Chinese one, whole (it fits on one line)"
    );
    let svg = clv_distribution(&[f64::NAN, f64::NAN], &zh()).unwrap();
    assert!(
        has_text(&svg, "这里的 2 个值都不是数字"),
        "{:?}",
        texts(&svg)
    );
    let english = revenue_by_month(&[], &style()).unwrap();
    assert!(
        has_text(
            &english,
            "No orders yet — revenue appears here after the first order"
        ),
        "English stays the default: {:?}",
        texts(&english)
    );
}

#[test]
fn chinese_charts_count_large_values_in_wan_and_yi() {
    let svg = revenue_by_month(&revenue(), &zh()).unwrap();
    assert!(
        has_text(&svg, "¥5.6万"),
        "56,000 yuan is 5.6万: {:?}",
        texts(&svg)
    );
    assert!(
        has_text(&svg, "¥6万"),
        "the axis ticks too: {:?}",
        texts(&svg)
    );
    assert!(
        has_text(&svg, "2025年10月"),
        "the axis starts with its year: {:?}",
        texts(&svg)
    );
    assert!(has_text(&svg, "2026年1月"), "and a new year is named");
    assert!(
        texts(&svg).iter().any(|t| t == "11月"),
        "the other months are short"
    );
    let big = revenue_by_month(&months(2026, 1, 3, |i| 3.4e8 * (i + 1) as f64), &zh()).unwrap();
    assert!(
        has_text(&big, "亿"),
        "hundreds of millions are 亿: {:?}",
        texts(&big)
    );
    let funnel = pipeline_funnel(&stages(), &zh()).unwrap();
    assert!(
        has_text(&funnel, "¥184万（182 个商机）"),
        "{:?}",
        texts(&funnel)
    );
    let english = revenue_by_month(&revenue(), &style()).unwrap();
    assert!(has_text(&english, "¥56k") && !has_text(&english, "万"));
    assert!(has_text(&english, "2025-10"));
}

#[test]
fn a_chinese_chart_exports_to_png() {
    for (what, svg) in chinese_charts() {
        let png = svg_to_png(&svg, 2.0).unwrap_or_else(|e| panic!("{what}: {e}"));
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let size =
            |name: &str| -> u32 { doc.root_element().attribute(name).unwrap().parse().unwrap() };
        assert_eq!(
            png_size(&png),
            (2 * size("width"), 2 * size("height")),
            "{what}: twice the chart's size"
        );
    }
}

#[test]
fn language_is_read_from_its_code() {
    let s: ChartStyle = serde_json::from_str(
        r#"{"width":640,"height":360,"currency":"CNY","title":null,"language":"zh"}"#,
    )
    .unwrap();
    assert_eq!(s.language, Language::Zh);
    let s: ChartStyle =
        serde_json::from_str(r#"{"width":640,"height":360,"currency":"CNY","title":null}"#)
            .unwrap();
    assert_eq!(s.language, Language::En, "English when not given");
}

// ------------------------------------------------------------------------------------------
// PNG
// ------------------------------------------------------------------------------------------

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

#[test]
fn svg_to_png_gives_a_png_of_the_scaled_size() {
    let svg = customers_by_region(&cities(), 8, &style()).unwrap();
    assert_eq!(png_size(&svg_to_png(&svg, 1.0).unwrap()), (640, 360));
    assert_eq!(png_size(&svg_to_png(&svg, 2.0).unwrap()), (1280, 720));
    let small = ChartStyle {
        width: 300,
        height: 200,
        ..style()
    };
    let svg = revenue_by_month(&[], &small).unwrap();
    assert_eq!(png_size(&svg_to_png(&svg, 1.5).unwrap()), (450, 300));
}

#[test]
fn svg_to_png_refuses_bad_input() {
    let svg = revenue_by_month(&revenue(), &style()).unwrap();
    for scale in [0.0, -1.0, f32::NAN, f32::INFINITY, 100.0] {
        assert!(
            matches!(svg_to_png(&svg, scale), Err(ChartError::InvalidScale(_))),
            "{scale}"
        );
    }
    assert!(matches!(
        svg_to_png("not svg", 1.0),
        Err(ChartError::Svg(_))
    ));
}

// ------------------------------------------------------------------------------------------
// Fuzz: odd input in either language never panics and never writes NaN
// ------------------------------------------------------------------------------------------

#[test]
fn odd_inputs_never_panic_or_write_nan() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let specials = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        -f64::MAX,
        f64::MIN_POSITIVE,
        -0.0,
        0.0,
        1e300,
        -1e-300,
        0.5,
        7.0,
    ];
    let names = [
        "",
        " ",
        "上海",
        "a&b",
        "<x>",
        "\u{7}",
        "Ω",
        "👍🏽",
        "x".repeat(300).leak(),
    ];
    for round in 0..200 {
        let value = |r: u64| {
            if r.is_multiple_of(3) {
                specials[(r >> 8) as usize % specials.len()]
            } else {
                ((r >> 11) as f64 / (1u64 << 53) as f64 - 0.3) * 10f64.powi((r % 13) as i32)
            }
        };
        let n = (next() % 30) as usize;
        let vals: Vec<f64> = (0..n).map(|_| value(next())).collect();
        let mv: Vec<MonthValue> = vals
            .iter()
            .enumerate()
            .map(|(i, v)| MonthValue::new(format!("{}-{:02}", 2000 + (i * 7) % 30, 1 + i % 12), *v))
            .collect();
        let nc: Vec<NamedCount> = (0..n)
            .map(|i| NamedCount::new(names[i % names.len()], next() % 1_000_000_000))
            .collect();
        let st: Vec<StageValue> = (0..n)
            .map(|i| StageValue::new(names[i % names.len()], next() % 1000, vals[i]))
            .collect();
        let rf: Vec<RfCell> = (0..n)
            .map(|_| RfCell {
                r: (next() % 7) as u8,
                f: (next() % 7) as u8,
                count: next() >> 1,
            })
            .collect();
        let tk: Vec<CategoryMonthCount> = (0..n)
            .map(|i| {
                CategoryMonthCount::new(
                    format!("20{:02}-{:02}", next() % 30, 1 + next() % 12),
                    names[i % names.len()],
                    next() % 1000,
                )
            })
            .collect();
        let s = ChartStyle {
            width: [0, 200, 640, 1000][round % 4],
            height: [0, 150, 360, 90][(round / 4) % 4],
            currency: ["USD", "CNY", "", "&<"][round % 4].into(),
            title: (round % 5 == 0).then(|| "标题 & <title>".to_string()),
            language: Language::ALL[(round / 3) % 2],
        };
        let half = n / 2;
        if std::env::var("FUZZ_TRACE").is_ok() {
            eprintln!(
                "round {round} n {n} vals {vals:?} size {}x{} {:?}",
                s.width, s.height, s.language
            );
        }
        let outputs = [
            revenue_by_month(&mv, &s),
            pipeline_funnel(&st, &s),
            forecast(&mv[..half], &mv[half..], &s),
            segment_sizes(&nc, &s),
            rf_heatmap(&rf, &s),
            clv_distribution(&vals, &s),
            satisfaction_trend(&mv[..half], &mv[half..], &s),
            customers_by_region(&nc, (next() % 12) as usize, &s),
            tickets_by_category(&tk, &s),
        ];
        for (k, svg) in outputs.into_iter().enumerate() {
            let svg = svg.unwrap_or_else(|e| panic!("round {round} chart {k}: {e}"));
            assert_numbers_sound(&svg);
            assert!(
                svg.len() < 200_000,
                "round {round} chart {k}: {} bytes",
                svg.len()
            );
            assert!(
                !texts(&svg).iter().any(|t| t.contains("NaN")),
                "round {round} chart {k}"
            );
        }
    }
}

// ------------------------------------------------------------------------------------------
// Timing (run with `cargo test --release -- --ignored --nocapture`)
// ------------------------------------------------------------------------------------------

#[test]
#[ignore = "timing report, not a check; run in release"]
fn render_times() {
    let s = style();
    let pipeline = months(2026, 4, 6, |i| 180_000.0 - 20_000.0 * i as f64);
    let won = months(2024, 5, 24, |i| 60_000.0 + 4_000.0 * i as f64);
    let csat = months(2024, 5, 24, |i| 3.5 + (i % 10) as f64 * 0.1);
    let nps = months(2024, 5, 24, |i| (i as f64 * 7.0) % 100.0 - 40.0);
    let long_revenue = months(2021, 1, 60, |i| 10_000.0 + 800.0 * i as f64);
    let clv = clv_values();
    let big_clv: Vec<f64> = (0..100_000)
        .map(|i| f64::from(i % 997) * f64::from(i % 13 + 1))
        .collect();
    let many: Vec<NamedCount> = (0..10_000)
        .map(|i| NamedCount::new(format!("城市 {i}"), 1 + (i % 97) as u64))
        .collect();
    let cells = rf_cells();
    let tk = tickets();
    type Render<'a> = Box<dyn Fn() -> Result<String, ChartError> + 'a>;
    let charts: Vec<(&str, Render)> = vec![
        (
            "revenue_by_month (60 months)",
            Box::new(|| revenue_by_month(&long_revenue, &s)),
        ),
        (
            "pipeline_funnel",
            Box::new(|| pipeline_funnel(&stages(), &s)),
        ),
        (
            "forecast (24 + 6 months)",
            Box::new(|| forecast(&pipeline, &won, &s)),
        ),
        ("segment_sizes", Box::new(|| segment_sizes(&segments(), &s))),
        ("rf_heatmap", Box::new(|| rf_heatmap(&cells, &s))),
        (
            "clv_distribution (465 customers)",
            Box::new(|| clv_distribution(&clv, &s)),
        ),
        (
            "clv_distribution (100,000 customers)",
            Box::new(|| clv_distribution(&big_clv, &s)),
        ),
        (
            "satisfaction_trend (24 months)",
            Box::new(|| satisfaction_trend(&csat, &nps, &s)),
        ),
        (
            "customers_by_region (10,000 places)",
            Box::new(|| customers_by_region(&many, 8, &s)),
        ),
        (
            "tickets_by_category",
            Box::new(|| tickets_by_category(&tk, &s)),
        ),
    ];
    let mut worst: f64 = 0.0;
    for (name, f) in &charts {
        f().unwrap();
        let runs = 50;
        let t = Instant::now();
        for _ in 0..runs {
            f().unwrap();
        }
        let ms = t.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
        worst = worst.max(ms);
        println!("{name:<40} {ms:8.3} ms");
    }
    let svg = revenue_by_month(&revenue(), &s).unwrap();
    let t = Instant::now();
    svg_to_png(&svg, 1.0).unwrap(); // loads the system fonts once
    let first_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{:<40} {first_ms:8.3} ms",
        "svg_to_png, first call (loads fonts)"
    );
    let t = Instant::now();
    svg_to_png(&svg, 2.0).unwrap();
    let png_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("{:<40} {png_ms:8.3} ms", "svg_to_png at 2× (fonts loaded)");
    assert!(worst < 100.0, "slowest chart took {worst} ms");
}

#[test]
fn heat_map_cells_outside_the_scores_are_said_so() {
    let outside = [
        RfCell {
            r: 0,
            f: 3,
            count: 5,
        },
        RfCell {
            r: 6,
            f: 1,
            count: 2,
        },
    ];
    let svg = rf_heatmap(&outside, &style()).unwrap();
    assert!(
        has_text(&svg, "2 cells have scores outside 1–5"),
        "{:?}",
        texts(&svg)
    );
    let mut cells = rf_cells();
    cells.push(RfCell {
        r: 9,
        f: 9,
        count: 1,
    });
    let svg = rf_heatmap(&cells, &style()).unwrap();
    assert!(has_text(&svg, "1 cell with scores outside 1–5 left out"));
}

#[test]
fn blank_names_are_shown_as_none() {
    let t = [
        CategoryMonthCount::new("2026-01", "", 3),
        CategoryMonthCount::new("2026-02", " \t", 4),
        CategoryMonthCount::new("2026-02", "退货", 1),
    ];
    let svg = tickets_by_category(&t, &style()).unwrap();
    assert!(has_text(&svg, "(none)"));
    let svg = customers_by_region(&cities(), 8, &style()).unwrap();
    assert!(has_text(&svg, "(none)"));
}
