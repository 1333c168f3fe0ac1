//! How an import read its file where it mattered ([`ImportNote`]): placeholders read as
//! empty, the country phones were read in, the order a column's dates were read in, order
//! numbers made up. A code with its values whose `Display` is the English the CLI prints;
//! the window says the code in its language.

use std::fmt;

use serde::Serialize;

use super::clean::DateOrder;

/// How the file was read where it mattered: `ImportReport.notes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ImportNote {
    /// Orders without a number were each given one made from the row.
    OrderNumbersMade {
        /// How many.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        count: u64,
    },
    /// Placeholders ("n/a", "-", "unknown") in a column read as empty.
    Placeholders {
        /// The column's header.
        header: String,
        /// How many cells.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        count: u64,
        /// The first few placeholders as written.
        seen: Vec<String>,
    },
    /// Phones without a country code read in their row's own country.
    PhoneCountries {
        /// How many phones in each country (ISO code), by country.
        countries: Vec<CountryCount>,
    },
    /// The default country for phones without a country code.
    DefaultCountry {
        /// Its ISO code, in capitals.
        country: String,
    },
    /// A column's ambiguous dates (`03/04/2024`) were read in this order.
    DatesRead {
        /// The column's header.
        header: String,
        /// A few of its dates as written.
        examples: Vec<String>,
        /// The order used: month first, or day first.
        order: DateOrder,
        /// The default country the order came from; none when none was given (day first, as
        /// most countries write dates).
        country: Option<String>,
    },
}

/// How many of something were in one country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CountryCount {
    /// The country's ISO code.
    pub country: String,
    /// How many.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: u64,
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportNote::OrderNumbersMade { count } => write!(
                f,
                "{count} orders had no number: each was given one (AUTO-…) made from its \
                 customer, date, amount and quantity, so the same row gets the same number when \
                 the file is imported again"
            ),
            ImportNote::Placeholders {
                header,
                count,
                seen,
            } => {
                let list = seen
                    .iter()
                    .map(|t| format!("'{t}'"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let noun = if *count == 1 {
                    "placeholder"
                } else {
                    "placeholders"
                };
                write!(f, "{header}: {count} {noun} ({list}) read as empty")
            }
            ImportNote::PhoneCountries { countries } => {
                let list = countries
                    .iter()
                    .map(|c| format!("{} in {}", c.count, c.country))
                    .collect::<Vec<_>>()
                    .join(", ");
                write!(
                    f,
                    "phones without a country code were read in their row's country ({list})"
                )
            }
            ImportNote::DefaultCountry { country } => write!(
                f,
                "default country for phones without a country code: {country}"
            ),
            ImportNote::DatesRead {
                header,
                examples,
                order,
                country,
            } => {
                let how = match order {
                    DateOrder::Mdy => "month-first",
                    _ => "day-first",
                };
                write!(
                    f,
                    "{header}: dates such as {} were read {how}, ",
                    examples.join(", ")
                )?;
                match country {
                    Some(c) => write!(f, "as dates are written in {c}")?,
                    None => {
                        f.write_str("as most countries write them (no default country given)")?;
                    }
                }
                f.write_str(
                    "; if they are not, undo this import and import again with the other date \
                     format",
                )
            }
        }
    }
}
