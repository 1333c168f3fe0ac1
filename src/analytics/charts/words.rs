//! Every word the charts draw, in each [`Language`]: one match per message, so a message is
//! never missing in one language, and no chart writes a word of its own.

use super::*;

/// The language of the words a chart draws: its messages, axis names, legends, notes, month
/// labels and the units of large numbers (`1.2k`/`3.4M` in English, `1.2万`/`3.4亿` in
/// Chinese). The engine otherwise speaks English; the window tells the charts which to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English (the default).
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Language {
    /// Every language, in the order the CLI lists them.
    pub const ALL: [Language; 2] = [Language::En, Language::Zh];

    /// The language's code: `"en"` or `"zh"` (as serde writes it).
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
        }
    }

    /// The language of a code (`"en"`, `"zh"`, any case), if it is one of them.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// A deal stage's default name, by its key (`lead` → "Lead", 线索); a key Kith does not
    /// define is shown as it is.
    pub fn stage_name(self, key: &str) -> String {
        let (en, zh) = match key {
            "lead" => ("Lead", "线索"),
            "qualified" => ("Qualified", "已确认"),
            "proposal" => ("Proposal", "方案报价"),
            "negotiation" => ("Negotiation", "谈判"),
            "won" => ("Won", "赢单"),
            "lost" => ("Lost", "输单"),
            other => return other.to_string(),
        };
        self.pick(en, zh).to_string()
    }

    fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Language::En => en,
            Language::Zh => zh,
        }
    }

    /// The text of `msg` in this language.
    pub(super) fn say(self, msg: Msg) -> String {
        use Language::{En, Zh};
        let plural =
            |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        match msg {
            Msg::EmptyRevenue => self
                .pick(
                    "No orders yet — revenue appears here after the first order",
                    "暂无订单——首笔订单后这里会显示收入",
                )
                .into(),
            Msg::EmptyFunnel => self
                .pick(
                    "No open deals yet — the funnel fills as deals move through the stages",
                    "暂无进行中的商机——商机推进到各阶段后，这里会显示漏斗",
                )
                .into(),
            Msg::EmptyForecast => self
                .pick(
                    "Nothing to forecast yet — add deals with an expected close date, or win a \
                     first order",
                    "暂无可预测的内容——请添加带预计成交日期的商机，或赢得首笔订单",
                )
                .into(),
            Msg::EmptySegments => self
                .pick(
                    "No segments yet — customers are grouped once they have orders",
                    "暂无客户分群——客户有订单后即会分群",
                )
                .into(),
            Msg::EmptyRegions => self
                .pick(
                    "No customer locations yet — add a city or region to contacts",
                    "暂无客户所在地——请为联系人填写城市或地区",
                )
                .into(),
            Msg::EmptyRf => self
                .pick(
                    "No customers to score yet — the grid fills once customers have orders",
                    "暂无可评分的客户——客户有订单后，这里会显示网格",
                )
                .into(),
            Msg::EmptyClv => self
                .pick(
                    "No lifetime values yet — they appear once customers have orders",
                    "暂无客户终身价值——客户有订单后即会显示",
                )
                .into(),
            Msg::EmptySatisfaction => self
                .pick(
                    "No feedback yet — ratings and NPS answers appear here by month",
                    "暂无反馈——评分和 NPS 答复会按月显示在这里",
                )
                .into(),
            Msg::EmptyTickets => self
                .pick(
                    "No tickets yet — volume by category appears after the first ticket",
                    "暂无工单——首个工单后这里会按类别显示工单量",
                )
                .into(),
            Msg::AllInvalid(n) => match (self, n) {
                (En, 1) => "Nothing to draw — the value here is not a number".into(),
                (En, n) => format!("Nothing to draw — the {n} values here are not numbers"),
                (Zh, 1) => "无可绘制的内容——这里的值不是数字".into(),
                (Zh, n) => format!("无可绘制的内容——这里的 {n} 个值都不是数字"),
            },
            Msg::AllOutsideScores(n) => match self {
                En => format!(
                    "Nothing to draw — {n} {} scores outside 1–5",
                    plural(n, "cell has", "cells have")
                ),
                Zh => format!("无可绘制的内容——{n} 个格子的得分不在 1–5 之间"),
            },
            Msg::InvalidLeftOut(n) => match self {
                En => format!("{n} {} not a number left out", plural(n, "value", "values")),
                Zh => format!("已略去 {n} 个非数字的值"),
            },
            Msg::OutsideScoresLeftOut(n) => match self {
                En => format!(
                    "{n} {} with scores outside 1–5 left out",
                    plural(n, "cell", "cells")
                ),
                Zh => format!("已略去 {n} 个得分不在 1–5 之间的格子"),
            },
            Msg::LastMonthsShown(n) => match self {
                En => format!("Last {n} months shown"),
                Zh => format!("仅显示最近 {n} 个月"),
            },
            Msg::AllMonthsZero => self.pick("All months are zero", "各月均为零").into(),
            Msg::Deals(n) => match self {
                En => format!(
                    "{} {}",
                    count_text(n, self),
                    if n == 1 { "deal" } else { "deals" }
                ),
                Zh => format!("{} 个商机", count_text(n, self)),
            },
            Msg::BarsShowDealCounts => self
                .pick(
                    "Bars show deal counts (no stage has a value)",
                    "柱长为商机数（各阶段均无金额）",
                )
                .into(),
            Msg::MoreStages(n) => match self {
                En => format!("{n} more stages"),
                Zh => format!("另有 {n} 个阶段"),
            },
            Msg::Other(n, things) => {
                let count = count_text(n, self);
                match (self, things) {
                    (En, Things::Segments) => format!("Other ({count} segments)"),
                    (En, Things::Places) => format!("Other ({count} places)"),
                    (En, Things::Categories) => format!("Other ({count} categories)"),
                    (Zh, Things::Segments) => format!("其他（{count} 个分群）"),
                    (Zh, Things::Places) => format!("其他（{count} 个地区）"),
                    (Zh, Things::Categories) => format!("其他（{count} 个类别）"),
                }
            }
            Msg::NoName => self.pick("(none)", "（无）").into(),
            Msg::WeightedPipeline => self.pick("Weighted pipeline", "加权商机金额").into(),
            Msg::WonRevenue => self.pick("Won revenue", "赢单收入").into(),
            Msg::WonTrend => self.pick("Won trend (linear)", "赢单趋势（线性）").into(),
            Msg::RecencyLong => self
                .pick(
                    "Recency score (5 = bought most recently)",
                    "最近购买得分（5 = 最近买过）",
                )
                .into(),
            Msg::RecencyShort => self.pick("Recency score", "最近购买得分").into(),
            Msg::FrequencyLong => self
                .pick(
                    "Frequency score (5 = most orders)",
                    "购买频次得分（5 = 订单最多）",
                )
                .into(),
            Msg::FrequencyShort => self.pick("Frequency score", "购买频次得分").into(),
            Msg::LifetimeValue => self
                .pick("Lifetime value per customer", "每位客户的终身价值")
                .into(),
            Msg::LifetimeValueCapped(above) => match self {
                En => format!(
                    "Lifetime value — bins capped at the 99th percentile; grey bar: {above} and \
                     above"
                ),
                Zh => format!("终身价值——分组截至第 99 百分位；灰色柱：{above} 及以上"),
            },
            Msg::Csat => self
                .pick("CSAT (average rating, 1–5)", "CSAT（平均评分，1–5）")
                .into(),
            Msg::Nps => self
                .pick("NPS (−100 to +100)", "NPS（−100 至 +100）")
                .into(),
            Msg::NoAnswers => self
                .pick("No answers in these months", "这些月份暂无答复")
                .into(),
        }
    }

    /// A month's label on an axis: `2026-03` in English; `2026年3月` in Chinese, or `3月`
    /// when `short` (the axis shows the year where it starts and where a year begins).
    pub(super) fn month(self, m: i32, short: bool) -> String {
        let (year, month) = (m.div_euclid(12), m.rem_euclid(12) + 1);
        match (self, short) {
            (Language::En, _) => format!("{year:04}-{month:02}"),
            (Language::Zh, false) => format!("{year}年{month}月"),
            (Language::Zh, true) => format!("{month}月"),
        }
    }

    /// The widest month label of the language (for spacing the labels of an axis).
    pub(super) fn widest_month(self) -> &'static str {
        self.pick("2026-03", "2026年12月")
    }

    /// Units of compact numbers, largest first: thousands in English, 万 (10⁴) and 亿 (10⁸)
    /// in Chinese.
    pub(super) fn units(self) -> &'static [(f64, &'static str)] {
        match self {
            Language::En => &[(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"), (1.0, "")],
            Language::Zh => &[(1e12, "万亿"), (1e8, "亿"), (1e4, "万"), (1.0, "")],
        }
    }

    /// Counts from this size on are written compactly (`1.2M`, `12.3万`), below it in full.
    pub(super) fn compact_counts_from(self) -> u64 {
        match self {
            Language::En => 1_000_000,
            Language::Zh => 100_000,
        }
    }
}

/// What a list of names folded into "Other" holds.
#[derive(Clone, Copy)]
pub(super) enum Things {
    Segments,
    Places,
    Categories,
}

/// Everything a chart writes in words, with the numbers it says.
#[derive(Clone, Copy)]
pub(super) enum Msg<'a> {
    EmptyRevenue,
    EmptyFunnel,
    EmptyForecast,
    EmptySegments,
    EmptyRegions,
    EmptyRf,
    EmptyClv,
    EmptySatisfaction,
    EmptyTickets,
    /// Nothing to draw: all of these many values are not numbers.
    AllInvalid(usize),
    /// Nothing to draw: all of these many heat map cells have scores outside 1–5.
    AllOutsideScores(usize),
    /// Footnote: these many values that are not numbers were left out.
    InvalidLeftOut(usize),
    /// Footnote: these many heat map cells were left out.
    OutsideScoresLeftOut(usize),
    /// Footnote: only the last this many months are shown.
    LastMonthsShown(usize),
    AllMonthsZero,
    /// A number of deals ("3 deals").
    Deals(u64),
    BarsShowDealCounts,
    /// The row that stands for this many stages that did not fit.
    MoreStages(usize),
    /// The bar or legend entry holding this many names that did not fit.
    Other(u64, Things),
    /// A name left blank.
    NoName,
    WeightedPipeline,
    WonRevenue,
    WonTrend,
    RecencyLong,
    RecencyShort,
    FrequencyLong,
    FrequencyShort,
    LifetimeValue,
    /// The histogram's axis when the top values share one bar from this amount up.
    LifetimeValueCapped(&'a str),
    Csat,
    Nps,
    NoAnswers,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.code()), "serde uses the code");
        }
        assert_eq!(Language::from_code("ZH"), Some(Language::Zh));
        assert_eq!(Language::from_code("fr"), None);
        assert_eq!(Language::default(), Language::En);
    }

    #[test]
    fn chinese_months_and_stages() {
        let m = parse_month("2026-03").unwrap();
        assert_eq!(Language::Zh.month(m, false), "2026年3月");
        assert_eq!(Language::Zh.month(m, true), "3月");
        assert_eq!(Language::En.month(m, true), "2026-03");
        assert_eq!(Language::Zh.stage_name("lead"), "线索");
        assert_eq!(Language::En.stage_name("negotiation"), "Negotiation");
        assert_eq!(Language::Zh.stage_name("custom"), "custom");
    }
}
