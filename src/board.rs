//! The deal board: a column per stage in pipeline order, each with its count, value and value
//! weighted by probability, and its deals as cards (the most valuable first, with their lead
//! score); won and lost columns hold the deals closed in the last days asked for. The weighted
//! pipeline and its months come from the forecast. The stages, their names, order and
//! probabilities are the workspace's own (`Store::deal_stages`). Moving a card is an edit of the deal's
//! stage (the store sets its probability and closing day).

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::analytics::{self, Forecast};
use crate::error::Result;
use crate::model::{EntityRecord, Kind};
use crate::store::Store;

/// What the board shows.
#[derive(Debug, Clone, Copy)]
pub struct BoardOptions {
    /// Most cards in a column (the column's figures count them all).
    pub cards: usize,
    /// Won and lost deals closed in this many days before today are shown.
    pub closed_days: u32,
}

impl Default for BoardOptions {
    fn default() -> Self {
        BoardOptions {
            cards: 200,
            closed_days: 30,
        }
    }
}

/// The deals by stage, and the pipeline they make.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DealBoard {
    /// The day it was made at.
    pub day: NaiveDate,
    /// Won and lost columns hold deals closed on or after this day.
    pub closed_since: NaiveDate,
    /// The stages in pipeline order (open ones, then won, then lost).
    pub columns: Vec<BoardColumn>,
    /// The open deals' value weighted by probability, and by expected close month.
    pub forecast: Forecast,
}

/// One stage of the board.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardColumn {
    /// The stage (`lead`, …, `won`, `lost`).
    pub stage: String,
    /// The user's name for the stage (`None`: its default name).
    pub label: Option<String>,
    /// The probability (percent) a deal takes on entering the stage.
    pub probability: i64,
    /// Whether deals can be moved into it; a stage switched off shows only while it still
    /// holds deals (an import or another device put them there).
    pub active: bool,
    /// Whether the stage closes a deal (won or lost).
    pub closed: bool,
    /// Deals in the column (all of them, not only the cards).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: u64,
    /// Their value, in major units.
    pub value: f64,
    /// Their value weighted by each deal's probability, in major units.
    pub weighted: f64,
    /// The first deals, most valuable first.
    pub cards: Vec<BoardCard>,
}

/// A deal on the board.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardCard {
    /// The deal.
    pub deal: EntityRecord,
    /// Its stored lead score (open deals, once the scores ran).
    pub score: Option<i64>,
}

/// The board on `day`.
pub fn deal_board(store: &Store, day: NaiveDate, opts: &BoardOptions) -> Result<DealBoard> {
    let closed_since = day - Duration::days(i64::from(opts.closed_days));
    let stages = store.deal_stages()?;
    let mut columns = Vec::with_capacity(stages.len());
    for stage in stages {
        let closed = stage.closed;
        let found = store.stage_deals(
            &stage.key,
            closed.then_some(closed_since),
            stage.probability,
            opts.cards,
        )?;
        if !stage.active && found.count == 0 {
            continue;
        }
        let scores = store.deal_scores(&found.ids)?;
        let cards = found
            .ids
            .iter()
            .map(|id| {
                Ok(BoardCard {
                    deal: store.get_record(Kind::Deal, id)?,
                    score: scores.get(id).copied(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        columns.push(BoardColumn {
            stage: stage.key,
            label: stage.label,
            probability: stage.probability,
            active: stage.active,
            closed,
            count: found.count,
            value: found.value as f64 / 100.0,
            weighted: found.weighted / 100.0,
            cards,
        });
    }
    Ok(DealBoard {
        day,
        closed_since,
        columns,
        forecast: analytics::forecast(store, Some(day))?,
    })
}
