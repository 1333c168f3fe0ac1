//! The engine's error type. Variants are what a caller acts on; messages name the problem.

use crate::model::{Kind, Said};

mod file;

pub use file::{FileFault, FileProblem, IoFault, IoProblem, Workbook};

/// A field that failed validation, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldIssue {
    /// The field's name (`email`, `custom.Shoe size`).
    pub field: String,
    /// Why the value was refused, in words a user understands (English, as the CLI says it).
    pub reason: String,
    /// The same refusal as a stable code with its values, so the window can say it in the
    /// user's language; none for refusals a user rarely meets (the reason is shown as is).
    pub code: Option<IssueCode>,
}

impl FieldIssue {
    /// A refusal with its reason in words only.
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> FieldIssue {
        FieldIssue {
            field: field.into(),
            reason: reason.into(),
            code: None,
        }
    }

    /// A refusal with its code; the reason is the code's English words.
    pub fn coded(field: impl Into<String>, code: IssueCode) -> FieldIssue {
        FieldIssue {
            field: field.into(),
            reason: code.to_string(),
            code: Some(code),
        }
    }
}

/// Why a value was refused, as a code the window translates. `value` is the text as the user
/// gave it; `reason`, where there is one, the English detail the CLI shows. Read back as well
/// as written: a value an import kept for review is stored with its code (`field_review`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum IssueCode {
    /// A required field was left empty.
    Required {
        /// The field's (English) label.
        label: String,
    },
    /// The text is longer than a field holds.
    TooLong {
        /// The most characters a field holds.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: u64,
    },
    /// The text holds a control character.
    ControlCharacter {
        /// The character's code point (`U+` and its hex digits, as `U+00A0`).
        character: String,
    },
    /// Not an email address.
    NotEmail {
        /// The text given.
        value: String,
    },
    /// Not a phone number.
    NotPhone {
        /// The text given.
        value: String,
    },
    /// Not a web address.
    NotUrl {
        /// The text given.
        value: String,
    },
    /// Not a date (`YYYY-MM-DD`).
    NotDate {
        /// The text given.
        value: String,
    },
    /// Not a month and day (`--MM-DD`).
    NotMonthDay {
        /// The text given.
        value: String,
        /// The English detail.
        reason: String,
    },
    /// Not a date and time.
    NotDateTime {
        /// The text given.
        value: String,
    },
    /// Not a time of day.
    NotTime {
        /// The text given.
        value: String,
        /// The English detail.
        reason: String,
    },
    /// Not a whole number.
    NotWholeNumber {
        /// The text given.
        value: String,
    },
    /// A whole number outside the field's range.
    OutOfRange {
        /// The number given.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        value: i64,
        /// The smallest allowed.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        min: i64,
        /// The largest allowed.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: i64,
    },
    /// Not a number.
    NotNumber {
        /// The text given.
        value: String,
        /// The English detail.
        reason: String,
    },
    /// Not an amount of money.
    NotMoney {
        /// The text given.
        value: String,
        /// The English detail.
        reason: String,
    },
    /// Not yes or no.
    NotYesNo {
        /// The text given.
        value: String,
        /// The English detail.
        reason: String,
    },
    /// Not one of the field's choices.
    NotChoice {
        /// The text given.
        value: String,
        /// The choices the field takes.
        choices: Vec<String>,
    },
    /// A contact with nothing to identify anyone.
    ContactIdentity,
    /// Feedback with neither rating, NPS nor comment.
    FeedbackContent,
    /// An imported row with nothing to identify anyone (no name, email, phone, customer
    /// number or company).
    NothingIdentifies {
        /// The row's values kept for review, each with its column and why. Written out in the
        /// generated TypeScript (not imported from `KeptInColumn.ts`, which names this type
        /// in turn): the bindings stay free of import circles.
        #[cfg_attr(feature = "ts", ts(inline))]
        kept: Vec<KeptInColumn>,
    },
    /// A relationship that links a contact to nothing.
    RelationshipTarget,
    /// An end before its start.
    EndsBeforeStart {
        /// The start date.
        start: String,
        /// The end date.
        end: String,
    },
    /// A custom field with no name, or too long a one.
    CustomFieldName {
        /// The most characters a name has.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: u64,
    },
    /// A deal stage's name that is too long or holds a control character.
    StageName {
        /// The most characters a name has.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: u64,
    },
    /// A probability outside 0 to 100 %.
    NotPercentage {
        /// The number given.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        value: i64,
    },
    /// Won and lost keep their probabilities (100 % and 0 %).
    ClosedStageProbability {
        /// `won` or `lost`.
        stage: String,
        /// Its probability.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        probability: i64,
    },
    /// Won and lost cannot be switched off.
    ClosedStageOff {
        /// `won` or `lost`.
        stage: String,
    },
    /// Every open stage switched off.
    NoOpenStage,
    /// A stage to switch off still holds live deals.
    StageHoldsDeals {
        /// How many.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        count: u64,
    },
    /// An import's column mapped twice.
    MappedTwice,
    /// An import's column left unmapped.
    NotMapped,
    /// A mapping made for a file whose column now has another header.
    HeaderChanged {
        /// The header the mapping expects.
        expected: String,
        /// The column (1-based).
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        column: u64,
        /// The header the file has there.
        found: String,
    },
    /// A field filled from two columns.
    AlreadyFilled {
        /// The kind imported.
        kind: Kind,
        /// The field (a target key: `email`, `custom.Shoe size`, `company`).
        target: String,
        /// Its English name.
        label: String,
        /// The column that fills it first.
        from: String,
    },
    /// No column for what the kind needs: one of `targets`.
    NeedsColumn {
        /// The kind imported.
        kind: Kind,
        /// Its English plural ("Contacts").
        plural: String,
        /// The targets any one of which would do.
        targets: Vec<String>,
        /// Their English names.
        labels: Vec<String>,
    },
    /// A mapping names a column past the file's last.
    NoColumn {
        /// The column named (1-based).
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        column: u64,
        /// How many columns the file has.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        columns: u64,
    },
    /// A mapping sends a column to a field the kind does not have.
    NotATarget {
        /// The kind imported.
        kind: Kind,
        /// The target named.
        target: String,
    },
    /// A saved mapping chosen for an import of another kind.
    SavedForOtherKind {
        /// The mapping's name.
        name: String,
        /// The kind it was saved for.
        saved: Kind,
        /// The kind imported.
        kind: Kind,
    },
    /// A saved mapping sends a column to a field the kind does not have.
    SavedTargetMissing {
        /// The mapping's name.
        name: String,
        /// The kind imported.
        kind: Kind,
        /// The target it names.
        target: String,
    },
    /// A saved mapping sends a column to a field another column already fills.
    SavedTargetFilled {
        /// The mapping's name.
        name: String,
        /// The kind imported.
        kind: Kind,
        /// The field (a target key).
        target: String,
        /// The column that fills it first.
        from: String,
    },
    /// A saved view's name empty, too long or with a control character.
    ViewName {
        /// The most characters.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: u64,
    },
    /// A saved mapping's name empty or too long.
    MappingName {
        /// The most characters.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: u64,
    },
    /// An import undone before.
    AlreadyUndone {
        /// The import batch.
        batch: String,
        /// When it was undone.
        at: String,
    },
    /// More rows than an Excel sheet holds.
    XlsxTooManyRows {
        /// The most rows of a sheet.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: u64,
    },
    /// A value longer than an Excel cell holds.
    XlsxCellTooLong {
        /// The record's title.
        title: String,
        /// The value's length in characters.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        characters: u64,
        /// The column.
        column: String,
        /// The most characters of a cell.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: u64,
    },
    /// A ticket deleted, so it cannot move through the queue.
    TicketDeleted {
        /// The ticket's id.
        id: String,
    },
    /// A period that starts after it ends.
    PeriodBackwards {
        /// Its first day.
        from: String,
        /// Its last day.
        to: String,
    },
    /// Keeping no backups.
    KeepOneBackup,
    /// A follow-up outside 1 to 365 days.
    FollowUpDays {
        /// The days given.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        days: i64,
    },
    /// A satisfaction rating outside 1 to 5.
    Rating {
        /// The rating given.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        rating: i64,
    },
    /// A lead-score rule's points outside ±`max`.
    RulePoints {
        /// The points given.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        value: i64,
        /// The most points a rule gives or takes.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: i64,
    },
    /// A list filter's value reads as empty, so it names nothing to compare with.
    FilterNamesNothing {
        /// The filter's value.
        value: String,
        /// The field's (English) label.
        label: String,
    },
    /// A list filter's range has neither end (`..`).
    RangeWithoutEnds {
        /// The filter's value.
        value: String,
    },
    /// A tag filter names no tag.
    NoTagNamed,
    /// A cell an import cannot read as a date in any way it knows.
    UnreadableDate {
        /// The text given.
        value: String,
    },
    /// A date with a month and a year but no day (`March 2024`).
    DateWithoutDay {
        /// The text given.
        value: String,
    },
    /// A date with a day and a month but no year (`3 March`, `3月1日`).
    DateWithoutYear {
        /// The text given.
        value: String,
    },
    /// A numeric date that could be day/month or month/day, in a column whose date format
    /// nothing decides.
    AmbiguousDate {
        /// The text given.
        value: String,
    },
    /// A date the calendar does not have (`31/02/2024`).
    NoSuchDate {
        /// The text given.
        value: String,
    },
    /// An empty date.
    NoDateGiven,
    /// A date and time whose time an import cannot read.
    UnreadableTimeOfDay {
        /// The text given.
        value: String,
    },
    /// A cell holding several email addresses.
    SeveralEmails {
        /// The text given.
        value: String,
    },
    /// A cell holding several phone numbers.
    SeveralPhones {
        /// The text given.
        value: String,
    },
    /// An empty phone number.
    NoPhoneGiven,
    /// A country for phones that is not an ISO country code.
    NotCountryCode {
        /// The text given.
        value: String,
    },
    /// A text that does not read as a phone number (in the country, when one was given).
    UnreadablePhone {
        /// The text given.
        value: String,
        /// The ISO country it was read in, if any.
        country: Option<String>,
    },
    /// A phone number that reads but is not a number in its country.
    InvalidPhoneIn {
        /// The text given.
        value: String,
        /// The country (ISO code) or, when none is known, the calling code (`+86`).
        place: String,
    },
    /// A national phone number in a file that names no country to read it in.
    PhoneWithoutCountry,
    /// A tag that is empty, too long or holds a control character.
    NotTag {
        /// The most characters a tag holds.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: u64,
    },
}

impl std::fmt::Display for IssueCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IssueCode::Required { label } => write!(f, "{label} is required"),
            IssueCode::TooLong { max } => write!(f, "is longer than {max} characters"),
            IssueCode::ControlCharacter { character } => {
                write!(f, "contains a control character ({character})")
            }
            IssueCode::NotEmail { value } => write!(f, "'{value}' is not a valid email address"),
            IssueCode::NotPhone { value } => write!(f, "'{value}' is not a valid phone number"),
            IssueCode::NotUrl { value } => write!(f, "'{value}' is not a valid web address"),
            IssueCode::NotDate { value } => {
                write!(f, "'{value}' is not a valid date (expected YYYY-MM-DD)")
            }
            IssueCode::NotDateTime { value } => write!(
                f,
                "'{value}' is not a valid date and time (expected YYYY-MM-DD HH:MM or RFC 3339)"
            ),
            IssueCode::NotWholeNumber { value } => write!(f, "'{value}' is not a whole number"),
            IssueCode::OutOfRange { value, min, max } => {
                write!(f, "{value} is out of range (must be {min} to {max})")
            }
            IssueCode::NotMonthDay { reason, .. }
            | IssueCode::NotTime { reason, .. }
            | IssueCode::NotNumber { reason, .. }
            | IssueCode::NotMoney { reason, .. }
            | IssueCode::NotYesNo { reason, .. } => f.write_str(reason),
            IssueCode::NotChoice { value, choices } => {
                write!(f, "'{value}' is not one of: {}", choices.join(", "))
            }
            IssueCode::ContactIdentity => f.write_str(
                "a contact needs a name, an email, a phone, a customer number or a company",
            ),
            IssueCode::NothingIdentifies { kept } => {
                f.write_str(
                    "nothing identifies anyone: no name, email, phone, customer number or company",
                )?;
                for (i, k) in kept.iter().enumerate() {
                    let open = if i == 0 { " (" } else { "; " };
                    write!(f, "{open}{}: {}", k.column, k.reason)?;
                }
                if !kept.is_empty() {
                    f.write_str(")")?;
                }
                Ok(())
            }
            IssueCode::FeedbackContent => {
                f.write_str("feedback needs a rating, an NPS score or a comment")
            }
            IssueCode::RelationshipTarget => {
                f.write_str("a relationship links a contact to another contact or to a company")
            }
            IssueCode::EndsBeforeStart { start, end } => {
                write!(f, "ends ({end}) before it starts ({start})")
            }
            IssueCode::CustomFieldName { max } => {
                write!(f, "a custom field needs a name of 1 to {max} characters")
            }
            IssueCode::StageName { max } => {
                write!(f, "a stage name is 1 to {max} printable characters")
            }
            IssueCode::NotPercentage { value } => {
                write!(f, "{value} is not a percentage from 0 to 100")
            }
            IssueCode::ClosedStageProbability { stage, probability } => {
                write!(f, "a {stage} deal's probability is always {probability}%")
            }
            IssueCode::ClosedStageOff { stage } => {
                write!(f, "{stage} cannot be switched off: it is how a deal ends")
            }
            IssueCode::NoOpenStage => f.write_str("at least one open stage stays in use"),
            IssueCode::StageHoldsDeals { count } => write!(
                f,
                "{count} deal{} still in this stage: move {} to another stage first",
                if *count == 1 { " is" } else { "s are" },
                if *count == 1 { "it" } else { "them" }
            ),
            IssueCode::MappedTwice => f.write_str("is mapped more than once"),
            IssueCode::NotMapped => {
                f.write_str("is not mapped (choose a field, a custom field or ignore)")
            }
            IssueCode::HeaderChanged {
                expected,
                column,
                found,
            } => write!(
                f,
                "the mapping expects '{expected}' in column {column}; the file has '{found}' \
                 (was the file changed?)"
            ),
            IssueCode::AlreadyFilled { label, from, .. } => {
                write!(f, "{label} is already filled from '{from}'")
            }
            IssueCode::NeedsColumn { plural, labels, .. } => match labels.as_slice() {
                [one] => write!(f, "{plural} need a column for {one}"),
                [init @ .., last] => write!(
                    f,
                    "{plural} need a column for one of {} or {last}",
                    init.join(", ")
                ),
                [] => write!(f, "{plural} need a column"),
            },
            IssueCode::NoColumn { column, columns } => write!(
                f,
                "column {column} does not exist (the file has {columns} columns)"
            ),
            IssueCode::NotATarget { kind, target } => {
                write!(f, "{} have no field '{target}'", kind.def().plural)
            }
            IssueCode::SavedForOtherKind { name, saved, kind } => write!(
                f,
                "the saved mapping '{name}' is for {}, not {}",
                saved.def().plural.to_lowercase(),
                kind.def().plural.to_lowercase()
            ),
            IssueCode::SavedTargetMissing { name, kind, target } => write!(
                f,
                "the saved mapping '{name}' sends it to '{target}', which {} do not have",
                kind.def().plural.to_lowercase()
            ),
            IssueCode::SavedTargetFilled {
                name, target, from, ..
            } => write!(
                f,
                "the saved mapping '{name}' sends it to '{target}', which '{from}' already fills"
            ),
            IssueCode::ViewName { max } => {
                write!(f, "a view's name is 1 to {max} printable characters")
            }
            IssueCode::MappingName { max } => {
                write!(f, "a saved mapping needs a name of 1 to {max} characters")
            }
            IssueCode::AlreadyUndone { batch, at } => {
                write!(f, "import {batch} was already undone on {at}")
            }
            IssueCode::XlsxTooManyRows { max } => {
                write!(f, "an Excel sheet holds at most {max} rows; export as CSV")
            }
            IssueCode::XlsxCellTooLong {
                title,
                characters,
                column,
                max,
            } => write!(
                f,
                "'{title}' has {characters} characters in {column}; an Excel cell holds at most \
                 {max} — export as CSV"
            ),
            IssueCode::TicketDeleted { id } => {
                write!(f, "ticket {id} was deleted; restore it first")
            }
            IssueCode::PeriodBackwards { from, to } => {
                write!(f, "the period starts ({from}) after it ends ({to})")
            }
            IssueCode::KeepOneBackup => f.write_str("keep at least one backup"),
            IssueCode::FollowUpDays { days } => write!(
                f,
                "{days} is out of range (a follow-up is 1 to 365 days away)"
            ),
            IssueCode::Rating { rating } => write!(
                f,
                "{rating} is out of range (a satisfaction rating is 1 to 5)"
            ),
            IssueCode::RulePoints { value, max } => write!(
                f,
                "{value} points is out of range: a rule gives between −{max} and {max}"
            ),
            IssueCode::FilterNamesNothing { value, label } => {
                write!(f, "'{value}' names no {label} to compare with")
            }
            IssueCode::RangeWithoutEnds { value } => {
                write!(f, "'{value}' is a range with neither end")
            }
            IssueCode::NoTagNamed => f.write_str("name a tag (or several: VIP|Wholesale)"),
            IssueCode::UnreadableDate { value } => write!(
                f,
                "'{value}' is not a date (expected e.g. 2024-03-01, 01/03/2024 or 1 March 2024)"
            ),
            IssueCode::DateWithoutDay { value } => write!(f, "'{value}' has no day"),
            IssueCode::DateWithoutYear { value } => write!(f, "'{value}' has no year"),
            IssueCode::AmbiguousDate { value } => write!(
                f,
                "'{value}' could be day/month or month/day; choose a date format for this column \
                 (day/month/year or month/day/year)"
            ),
            IssueCode::NoSuchDate { value } => {
                write!(f, "'{value}' is not a valid calendar date")
            }
            IssueCode::NoDateGiven => f.write_str("no date given"),
            IssueCode::UnreadableTimeOfDay { value } => write!(
                f,
                "'{value}' has a time Kith cannot read (expected e.g. 14:30, 2:30 PM or \
                 14:30:05+02:00)"
            ),
            IssueCode::SeveralEmails { value } => {
                write!(f, "'{value}' holds more than one email address")
            }
            IssueCode::SeveralPhones { value } => {
                write!(f, "'{value}' holds more than one phone number")
            }
            IssueCode::NoPhoneGiven => f.write_str("no phone number given"),
            IssueCode::NotCountryCode { value } => write!(
                f,
                "'{value}' is not a country code (expected e.g. CN, DE, US, GB)"
            ),
            IssueCode::UnreadablePhone { value, country } => match country {
                Some(country) => write!(f, "'{value}' is not a phone number in {country}"),
                None => write!(f, "'{value}' is not a phone number"),
            },
            IssueCode::InvalidPhoneIn { value, place } => {
                write!(f, "'{value}' is not a valid phone number in {place}")
            }
            IssueCode::PhoneWithoutCountry => f.write_str(
                "has no country code and the file gives no country; set a default country and \
                 re-clean",
            ),
            IssueCode::NotTag { max } => write!(f, "a tag is 1 to {max} printable characters"),
        }
    }
}

/// Why an import kept a value for review, as a code the window says in the user's language;
/// its `Display` is the English reason (the words the CLI prints and `reason` holds). Stored
/// with the value as JSON (`field_review.code`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum KeptReason {
    /// The value does not read for its field: the record was written without it.
    NotRead {
        /// Why it does not read.
        issue: IssueCode,
    },
    /// A phone that does not read but looks like a phone number: stored as written as well.
    StoredAsWritten {
        /// Why it does not read.
        issue: IssueCode,
    },
    /// A cell holding several values: the first is stored, the cell kept.
    FirstUsed {
        /// Why the cell as a whole does not read.
        issue: IssueCode,
    },
    /// One of a cell's tags is not a tag; the others were added.
    TagRefused {
        /// The tag as written.
        tag: String,
        /// Why it is not a tag.
        issue: IssueCode,
    },
}

impl std::fmt::Display for KeptReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeptReason::NotRead { issue } => write!(f, "{issue}"),
            KeptReason::StoredAsWritten { issue } => write!(f, "{issue}; kept as written"),
            KeptReason::FirstUsed { issue } => write!(f, "{issue}; the first is used"),
            KeptReason::TagRefused { tag, issue } => write!(f, "'{tag}': {issue}"),
        }
    }
}

/// A value kept for review named by its file's column: what a row refused for naming nobody
/// lists of the values it kept ([`IssueCode::NothingIdentifies`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeptInColumn {
    /// The file's column (its header).
    pub column: String,
    /// Why its value was kept (written out in TypeScript, as `NothingIdentifies.kept` is).
    #[cfg_attr(feature = "ts", ts(inline))]
    pub reason: KeptReason,
}

/// What kind of failure an error is, for callers to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No such record.
    NotFound,
    /// The record was deleted.
    Deleted,
    /// The input was refused; `issues` says which fields and why.
    Validation,
    /// The file is not a Kith database.
    NotADatabase,
    /// The database was written by a newer Kith.
    TooNew,
    /// SQLite failed.
    Database,
    /// A file could not be read or written.
    Io,
    /// A file to import could not be read; the message names the file (and line).
    BadFile,
    /// The user cancelled; nothing was written.
    Cancelled,
    /// Another Kith kept writing to the database for longer than a write waits.
    Busy,
    /// A bug or an unexpected state in Kith itself.
    Internal,
}

/// An error as sent across a process or IPC boundary.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorReport {
    /// What kind of failure.
    pub code: ErrorCode,
    /// A message naming the problem.
    pub message: String,
    /// The fields at fault, for validation errors.
    pub issues: Vec<FieldIssue>,
    /// The file refused and why, coded, for `bad_file`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub file: Option<Box<FileFault>>,
    /// The file that could not be read or written and why, coded, for `io`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub io: Option<Box<IoFault>>,
}

/// Everything the engine can refuse or fail at.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No record of that kind has that id.
    #[error("no {kind} with id {id}")]
    NotFound {
        /// The kind looked in.
        kind: Kind,
        /// The id asked for.
        id: String,
    },
    /// The record exists but was deleted.
    #[error("{kind} {id} was deleted on {deleted_at}")]
    Deleted {
        /// The kind of the record.
        kind: Kind,
        /// Its id.
        id: String,
        /// When it was deleted.
        deleted_at: String,
    },
    /// One or more fields are invalid; nothing was written.
    #[error("{}", issues.iter().map(|i| format!("{}: {}", i.field, i.reason)).collect::<Vec<_>>().join("; "))]
    Validation {
        /// Each refused field and why.
        issues: Vec<FieldIssue>,
    },
    /// The kind name is not one Kith knows.
    #[error(
        "unknown kind '{0}' (expected one of: contact, company, relationship, deal, activity, product, order, order_line, ticket, campaign, campaign_member, feedback)"
    )]
    UnknownKind(String),
    /// The file exists but is not a SQLite database.
    #[error("{path} is not a Kith database ({reason}); it was left untouched")]
    NotADatabase {
        /// The file.
        path: String,
        /// What it is instead.
        reason: String,
    },
    /// The database was written by a newer Kith.
    #[error(
        "{path} was written by a newer Kith (schema version {found}, this build knows up to {known}); it was left untouched — update Kith to open it"
    )]
    TooNew {
        /// The file.
        path: String,
        /// Its schema version.
        found: i64,
        /// The newest schema version this build knows.
        known: i64,
    },
    /// A file to import is unreadable as a whole (empty, binary, corrupt, too wide, …).
    #[error("{path}{}: {reason}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    BadFile {
        /// The file.
        path: String,
        /// The line (or sheet row) at fault, when there is one.
        line: Option<u64>,
        /// What is wrong, in words a user understands, with its code (boxed: the other
        /// errors are small).
        reason: Box<Said<FileProblem>>,
    },
    /// The user cancelled the operation; nothing was written.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// Another connection (the app, a CLI import) held the database's write lock for longer
    /// than a write waits ([`crate::store::WRITER_WAIT`]).
    #[error(
        "{path}: another Kith has been writing to this database for {minutes} minutes; \
         try again when it is done"
    )]
    Busy {
        /// The database.
        path: String,
        /// How long this write waited.
        minutes: u64,
    },
    /// An SQLite error the caller cannot act on.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Migrating the schema failed.
    #[error("schema migration {version} failed: {source}")]
    Migration {
        /// The schema version the migration leads to.
        version: usize,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A validation error about one field, coded.
    pub fn coded(field: impl Into<String>, code: IssueCode) -> Error {
        Error::Validation {
            issues: vec![FieldIssue::coded(field, code)],
        }
    }

    /// A validation error about one field.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Validation {
            issues: vec![FieldIssue::new(field, reason)],
        }
    }

    /// A stable code for the UI and scripts to branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Deleted { .. } => ErrorCode::Deleted,
            Error::Validation { .. } | Error::UnknownKind(_) => ErrorCode::Validation,
            Error::NotADatabase { .. } => ErrorCode::NotADatabase,
            Error::TooNew { .. } => ErrorCode::TooNew,
            Error::Sqlite(_) | Error::Migration { .. } => ErrorCode::Database,
            Error::Io { .. } => ErrorCode::Io,
            Error::BadFile { .. } => ErrorCode::BadFile,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Busy { .. } => ErrorCode::Busy,
        }
    }

    /// The error as callers outside Rust receive it (CLI `--json`, the desktop UI).
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code(),
            message: self.to_string(),
            issues: self.issues().to_vec(),
            file: match self {
                Error::BadFile { path, line, reason } => Some(Box::new(FileFault {
                    path: path.clone(),
                    line: *line,
                    problem: reason.code.clone(),
                })),
                _ => None,
            },
            io: match self {
                Error::Io { path, source } => Some(Box::new(IoFault {
                    path: path.clone(),
                    problem: IoProblem::of(source),
                })),
                _ => None,
            },
        }
    }

    /// The field issues, if this is a validation error.
    pub fn issues(&self) -> &[FieldIssue] {
        match self {
            Error::Validation { issues } => issues,
            _ => &[],
        }
    }
}

/// The engine's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
