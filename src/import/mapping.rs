//! Column mapping: which Kith field each column of an imported sheet fills.
//!
//! Targets are plain strings so a mapping is plain JSON: a field name of the kind (`email`,
//! `stage`), a virtual target (`id`, `full_name`, `company`, `contact`, `customer_no`,
//! `tags`, `line.*`),
//! `custom.<Name>` or `ignore`. Invariants: [`auto_map`] gives every column a target — a known
//! one or a custom field named after its header, so nothing is dropped — and never gives two
//! columns the same field; [`check_mapping`] refuses a (user-edited) mapping that breaks
//! either rule or cannot supply the kind's required data. Pure functions: no I/O, no SQL.
//!
//! Headers are compared folded: case, accents, spaces, punctuation and full-width forms are
//! ignored (`E-Mail`, `e_mail`, `ＥＭＡＩＬ` are one header). A header matches, best first:
//! exactly (a target's key or label), as a column of a recognised export
//! ([`detect_export`]), or as a synonym (English, Chinese, German, French, Spanish; a typo
//! one letter off a long synonym still matches).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::import::synonyms::{EXPORTS, SYNONYMS, to_traditional};
use crate::model::{FieldType, Kind};
use crate::values;
use crate::{FieldIssue, IssueCode};

/// A target a column can be mapped to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetDef {
    /// What a mapping stores: a field name, a virtual target (`id`, `full_name`, `company`,
    /// `contact`, `customer_no`, `tags`, `line.product`, …) or `ignore`.
    pub key: String,
    /// Human label.
    pub label: String,
    /// How the column's values are read (`Text` for names that are looked up).
    pub ty: FieldType,
    /// Whether [`check_mapping`] refuses a mapping without it.
    pub required: bool,
}

/// Where a column's target came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MapSource {
    /// The header is the target's key or label.
    Exact,
    /// The header is a synonym of the target.
    Synonym,
    /// The header is a column of a recognised export (Google Contacts, Outlook, …).
    Export,
    /// A saved mapping named it.
    Saved,
    /// The user chose it.
    User,
    /// Nothing matched: the column goes to a custom field named after its header.
    Unmapped,
}

/// One column's target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnMap {
    /// Zero-based column index.
    pub column: usize,
    /// The column's header as the file has it.
    pub header: String,
    /// The target key (see [`TargetDef::key`]) or `custom.<Name>`.
    pub target: String,
    /// Where the target came from.
    pub source: MapSource,
}

/// A mapping the user saved for reuse with files of the same shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedMapping {
    /// The name the user gave it.
    pub name: String,
    /// The kind it imports.
    pub kind: Kind,
    /// Header → target.
    pub columns: BTreeMap<String, String>,
}

/// Kinds with their own import rules (virtual targets, required data).
fn importable(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Contact
            | Kind::Company
            | Kind::Deal
            | Kind::Order
            | Kind::Activity
            | Kind::Ticket
            | Kind::Feedback
    )
}

/// What each kind's rows need: every group must have one of its targets mapped (a mapped
/// `id` also satisfies them: the rows update existing records).
fn required_groups(kind: Kind) -> Vec<Vec<&'static str>> {
    match kind {
        Kind::Contact => vec![vec![
            "first_name",
            "last_name",
            "full_name",
            "email",
            "phone",
        ]],
        Kind::Company => vec![vec!["name"]],
        Kind::Deal => vec![vec!["title"]],
        // A purchase log has no order numbers: the import makes them (see `import::run`).
        Kind::Order => vec![vec!["ordered_on"]],
        Kind::Activity | Kind::Ticket => vec![vec!["subject"]],
        Kind::Feedback => vec![vec!["rating", "nps", "comment"]],
        _ => kind
            .def()
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| vec![f.name])
            .collect(),
    }
}

fn target(key: &str, label: &str, ty: FieldType, required: bool) -> TargetDef {
    TargetDef {
        key: key.into(),
        label: label.into(),
        ty,
        required,
    }
}

/// The targets offered for `kind`, in form order: `id` first, then the kind's fields (with
/// `full_name` before a contact's first name, and `company_id`/`contact_id` of importable
/// kinds offered as `company` and `contact`, which link by name or email, and `customer_no`,
/// which links by a customer number, email or phone), order lines
/// (`line.*`) after an order's fields, then `tags`, and `ignore` last. `custom.*` is not
/// listed: the UI offers a free custom field. Other reference fields are offered by name
/// and expect a Kith id. Importable kinds: contact, company, deal, order, activity, ticket,
/// feedback; other kinds get their plain fields.
pub fn targets(kind: Kind) -> Vec<TargetDef> {
    let def = kind.def();
    let groups = required_groups(kind);
    let required = |key: &str| groups.iter().any(|g| g.len() == 1 && g[0] == key);
    let mut out = vec![target("id", "Kith id", FieldType::Ref, false)];
    for f in def.fields {
        if kind == Kind::Contact && f.name == "first_name" {
            out.push(target("full_name", "Full name", FieldType::Text, false));
        }
        let virtual_key = match f.name {
            "company_id" if importable(kind) => Some("company"),
            "contact_id" if importable(kind) => Some("contact"),
            _ => None,
        };
        match virtual_key {
            Some(key) => out.push(target(key, f.label, FieldType::Text, required(key))),
            None => out.push(target(f.name, f.label, f.ty, required(f.name))),
        }
        if virtual_key == Some("contact") {
            out.push(target(
                "customer_no",
                "Customer (number, email or phone)",
                FieldType::Text,
                false,
            ));
        }
    }
    if kind == Kind::Order {
        out.extend([
            target("line.product", "Line: product", FieldType::Text, false),
            target(
                "line.description",
                "Line: description",
                FieldType::Text,
                false,
            ),
            target("line.quantity", "Line: quantity", FieldType::Decimal, false),
            target(
                "line.unit_price",
                "Line: unit price",
                FieldType::Money,
                false,
            ),
            target("line.amount", "Line: amount", FieldType::Money, false),
        ]);
    }
    out.push(target("tags", "Tags", FieldType::Text, false));
    out.push(target(
        "ignore",
        "Ignore (don't import)",
        FieldType::Text,
        false,
    ));
    out
}

/// Folds a header for matching: NFKC/NFKD forms, case and accents ignored, `ß` as `ss`, and
/// only letters and digits kept.
pub(crate) fn fold_header(header: &str) -> String {
    values::fold(header)
        .replace('ß', "ss")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The name of the custom field a column fills when nothing else fits: its header, trimmed,
/// control characters as spaces, at most 100 characters (`Column N` for a blank header).
fn custom_name(header: &str, column: usize) -> String {
    let clean: String = header
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.is_empty() {
        format!("Column {}", column + 1)
    } else {
        clean.chars().take(100).collect()
    }
}

fn custom_target(name: &str) -> Option<&str> {
    let name = name.strip_prefix("custom.")?.trim();
    (!name.is_empty() && name.chars().count() <= 100).then_some(name)
}

fn is_target(kind: Kind, key: &str) -> bool {
    custom_target(key).is_some() || targets(kind).iter().any(|t| t.key == key)
}

/// Every key Kith's own export writes for some kind.
fn kith_key(header: &str) -> bool {
    static KEYS: OnceLock<HashSet<String>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        Kind::ALL
            .iter()
            .flat_map(|k| targets(*k))
            .map(|t| t.key)
            .filter(|k| k != "ignore")
            .collect()
    });
    custom_target(header).is_some() || keys.contains(header)
}

/// Which known export the headers come from, if any: `"Kith"` (Kith's own export, whose
/// headers are exactly `id`, field names, `company`, `contact`, `tags` and `custom.X`),
/// `"Pipedrive"`, `"Google Contacts"`, `"Outlook"`, `"HubSpot"` or `"Salesforce"`, each
/// recognised by columns only it writes.
pub fn detect_export(headers: &[String]) -> Option<&'static str> {
    let trimmed: Vec<&str> = headers.iter().map(|h| h.trim()).collect();
    if trimmed.contains(&"id") && trimmed.iter().all(|h| kith_key(h)) {
        return Some("Kith");
    }
    let folded: HashSet<String> = headers.iter().map(|h| fold_header(h)).collect();
    let has = |h: &str| folded.contains(h);
    let any = |hs: &[&str]| hs.iter().any(|h| has(h));
    let pipedrive = trimmed.iter().any(|h| {
        let lower = h.to_lowercase();
        [
            "person - ",
            "organization - ",
            "deal - ",
            "activity - ",
            "lead - ",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
    });
    if pipedrive {
        return Some("Pipedrive");
    }
    if any(&[
        "email1value",
        "phone1value",
        "organization1name",
        "groupmembership",
        "address1formatted",
        "website1value",
        "email1label",
        "email1type",
    ]) {
        return Some("Google Contacts");
    }
    if has("emailaddress")
        && any(&[
            "businessphone",
            "mobilephone",
            "homephone",
            "businessstreet",
            "businesscity",
            "businesscountryregion",
            "emaildisplayname",
            "categories",
        ])
    {
        return Some("Outlook");
    }
    if any(&[
        "recordid",
        "lifecyclestage",
        "dealowner",
        "companyowner",
        "ticketowner",
    ]) || (has("dealstage") && has("pipeline"))
        || (has("leadstatus") && has("contactowner"))
    {
        return Some("HubSpot");
    }
    if any(&[
        "mailingcity",
        "mailingstreet",
        "mailingcountry",
        "opportunityname",
        "accountname",
        "accountowner",
        "opportunityowner",
        "billingcity",
        "casenumber",
        "probability",
    ]) {
        return Some("Salesforce");
    }
    None
}

/// Folded synonym → candidate targets (traditional Chinese forms included).
fn synonym_index() -> &'static HashMap<String, &'static [&'static str]> {
    static INDEX: OnceLock<HashMap<String, &'static [&'static str]>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        for (targets, headers) in SYNONYMS {
            for h in *headers {
                index.entry(fold_header(h)).or_insert(*targets);
                index
                    .entry(fold_header(&to_traditional(h)))
                    .or_insert(*targets);
            }
        }
        index
    })
}

/// One export's columns: folded header → (position in the export's table, candidate targets).
type ExportColumns = HashMap<String, (usize, &'static [&'static str])>;

/// Per export, in [`EXPORTS`] order.
fn export_index() -> &'static [ExportColumns] {
    static INDEX: OnceLock<Vec<ExportColumns>> = OnceLock::new();
    INDEX.get_or_init(|| {
        EXPORTS
            .iter()
            .map(|e| {
                let mut columns = HashMap::new();
                for (pos, (h, targets)) in e.columns.iter().enumerate() {
                    columns.entry(fold_header(h)).or_insert((pos, *targets));
                }
                columns
            })
            .collect()
    })
}

/// A synonym one edit away (a typo such as `E-mail adress`), for headers of 8+ letters, when
/// only one synonym is that close.
fn near_synonym(folded: &str) -> Option<&'static [&'static str]> {
    if folded.chars().count() < 8 || !folded.is_ascii() {
        return None;
    }
    let mut found: Option<&'static [&'static str]> = None;
    let len = folded.len();
    for (key, targets) in synonym_index() {
        if key.len() >= 8
            && key.len().abs_diff(len) <= 1
            && strsim::damerau_levenshtein(key, folded) == 1
        {
            match found {
                Some(prev) if prev != *targets => return None,
                _ => found = Some(targets),
            }
        }
    }
    found
}

/// Headers whose meaning depends on the other headers: German `Name` beside `Vorname` (and no
/// `Nachname`) is the last name; French `Nom` beside `Prénom` is the last name; Spanish
/// `Nombre` beside `Apellido(s)` is the first name.
fn contextual(kind: Kind, folded: &str, all: &HashSet<String>) -> Option<&'static [&'static str]> {
    if kind != Kind::Contact {
        return None;
    }
    let has = |h: &str| all.contains(h);
    match folded {
        "name" if has("vorname") && !has("nachname") && !has("familienname") => {
            Some(&["last_name"])
        }
        "nom" if has("prenom") => Some(&["last_name"]),
        "nom" => Some(&["full_name"]),
        "nombre" if has("apellido") || has("apellidos") || has("primerapellido") => {
            Some(&["first_name"])
        }
        "nombre" => Some(&["full_name"]),
        _ => None,
    }
}

/// A column's best target: (target, source, preference within the source).
type Candidate = (String, MapSource, usize);

/// A kind's targets with their folded key and label, for exact matches.
struct Offered {
    targets: Vec<TargetDef>,
    folded: Vec<(String, String)>,
}

impl Offered {
    fn new(kind: Kind) -> Offered {
        let targets = targets(kind);
        let folded = targets
            .iter()
            .map(|t| (fold_header(&t.key), fold_header(&t.label)))
            .collect();
        Offered { targets, folded }
    }

    fn has(&self, key: &str) -> bool {
        self.targets.iter().any(|t| t.key == key)
    }
}

fn candidate(
    kind: Kind,
    offered: &Offered,
    header: &str,
    export: Option<&'static str>,
    all: &HashSet<String>,
) -> Option<Candidate> {
    let pick = |list: &[&str]| -> Option<String> {
        list.iter()
            .find(|t| **t == "custom" || offered.has(t))
            .map(|t| t.to_string())
    };
    let custom = |name: String| format!("custom.{name}");
    let trimmed = header.trim();
    if let Some(name) = custom_target(trimmed)
        && trimmed.starts_with("custom.")
    {
        return Some((custom(name.to_string()), MapSource::Exact, 0));
    }
    let folded = fold_header(header);
    if folded.is_empty() {
        return None;
    }
    let exact = offered
        .targets
        .iter()
        .zip(&offered.folded)
        .find(|(t, (key, label))| {
            t.key != "ignore"
                && (t.key != "id" || export == Some("Kith"))
                && (*key == folded || *label == folded)
        });
    if let Some((t, _)) = exact {
        return Some((t.key.clone(), MapSource::Exact, 0));
    }
    let exports = export_index();
    let detected = EXPORTS
        .iter()
        .position(|e| Some(e.name) == export)
        .map(|i| &exports[i]);
    if let Some(columns) = detected
        && let Some(&(pos, list)) = columns.get(&folded)
        && let Some(t) = pick(list)
    {
        let t = if t == "custom" {
            custom(custom_name(header, 0))
        } else {
            t
        };
        return Some((t, MapSource::Export, pos));
    }
    let general = contextual(kind, &folded, all)
        .or_else(|| synonym_index().get(&folded).copied())
        .or_else(|| {
            exports
                .iter()
                .find_map(|e| e.get(&folded).map(|&(_, list)| list))
        })
        .or_else(|| near_synonym(&folded));
    general
        .and_then(pick)
        .filter(|t| t != "custom")
        .map(|t| (t, MapSource::Synonym, 0))
}

fn rank(source: MapSource) -> u8 {
    match source {
        MapSource::Saved | MapSource::User => 4,
        MapSource::Exact => 3,
        MapSource::Export => 2,
        MapSource::Synonym => 1,
        MapSource::Unmapped => 0,
    }
}

/// Maps every column, keeping `fixed` targets (from a saved mapping) as they are.
fn map_columns(kind: Kind, headers: &[String], fixed: &[Option<String>]) -> Vec<ColumnMap> {
    let offered = Offered::new(kind);
    let export = detect_export(headers);
    let all: HashSet<String> = headers.iter().map(|h| fold_header(h)).collect();
    let candidates: Vec<Option<Candidate>> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| match fixed.get(i).cloned().flatten() {
            Some(t) => Some((t, MapSource::Saved, 0)),
            None => candidate(kind, &offered, h, export, &all),
        })
        .collect();
    let mut order: Vec<usize> = (0..headers.len()).collect();
    order.sort_by_key(|&i| match &candidates[i] {
        Some((_, source, pos)) => (u8::MAX - rank(*source), *pos, i),
        None => (u8::MAX, 0, i),
    });
    let mut assigned: Vec<Option<(String, MapSource)>> = vec![None; headers.len()];
    let mut taken: HashSet<String> = HashSet::new();
    for i in order {
        if let Some((t, source, _)) = &candidates[i] {
            let shared = t.starts_with("custom.") || t == "ignore";
            let free = taken.insert(t.clone());
            if *source == MapSource::Saved || shared || free {
                assigned[i] = Some((t.clone(), *source));
            }
        }
    }
    let mut names: HashSet<String> = assigned
        .iter()
        .flatten()
        .filter_map(|(t, _)| custom_target(t).map(str::to_lowercase))
        .collect();
    let mut seen_custom: HashSet<String> = HashSet::new();
    let mut columns: Vec<ColumnMap> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let (target, source) = match assigned[i].take() {
                Some((t, source)) if source == MapSource::Saved => (t, source),
                Some((t, source)) => {
                    let repeated = custom_target(&t)
                        .map(str::to_lowercase)
                        .is_some_and(|name| !seen_custom.insert(name));
                    if repeated {
                        (unique_custom(&custom_name(h, i), &mut names), source)
                    } else {
                        (t, source)
                    }
                }
                None => (
                    unique_custom(&custom_name(h, i), &mut names),
                    MapSource::Unmapped,
                ),
            };
            ColumnMap {
                column: i,
                header: h.clone(),
                target,
                source,
            }
        })
        .collect();
    if kind == Kind::Order {
        line_quantity(&mut columns);
    }
    columns
}

/// An order's `Quantity` is the order's own (a purchase log: one row, one purchase) unless the
/// file names a product or a line description: then it is the quantity of that line.
fn line_quantity(columns: &mut [ColumnMap]) {
    let has = |t: &str| columns.iter().any(|c| c.target == t);
    if !(has("line.product") || has("line.description")) || has("line.quantity") {
        return;
    }
    if let Some(c) = columns
        .iter_mut()
        .find(|c| c.target == "quantity" && c.source != MapSource::Saved)
    {
        c.target = "line.quantity".into();
    }
}

/// `custom.<name>`, numbered (`name (2)`) if a column already fills that custom field.
fn unique_custom(name: &str, names: &mut HashSet<String>) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while !names.insert(candidate.to_lowercase()) {
        let suffix = format!(" ({n})");
        let keep = 100 - suffix.chars().count();
        candidate = name.chars().take(keep).collect::<String>() + &suffix;
        n += 1;
    }
    format!("custom.{candidate}")
}

/// Maps every column: to a known target (the header is a target's key or label, a column of
/// a recognised export, or a synonym) or else to `custom.<header>` (source `Unmapped`), so
/// nothing is dropped. No two columns get the same non-custom target: the better match keeps
/// it (exact > export > synonym; within an export its preferred column, e.g. Outlook's mobile
/// phone before the home phone; then the earlier column) and the other becomes a custom
/// field (`custom.E-mail 2 - Value` when `email` is taken). Two columns never fill the same
/// custom field: a repeated header is numbered (`Notes (2)`). A Kith id column (`id`) is
/// recognised only in Kith's own export or as `Kith id`: an `ID` from another system is not
/// a Kith id.
pub fn auto_map(kind: Kind, headers: &[String]) -> Vec<ColumnMap> {
    map_columns(kind, headers, &[])
}

fn column_label(headers: &[String], column: usize) -> String {
    match headers.get(column).map(|h| h.trim()) {
        Some(h) if !h.is_empty() => h.to_string(),
        _ => format!("column {}", column + 1),
    }
}

fn describe_target(kind: Kind, key: &str) -> String {
    if let Some(name) = custom_target(key) {
        return format!("custom field '{name}'");
    }
    targets(kind)
        .into_iter()
        .find(|t| t.key == key)
        .map_or_else(|| key.to_string(), |t| t.label)
}

/// Maps the columns with a saved mapping: headers it names (exactly, or failing that folded)
/// get its target (source `Saved`), the rest are auto-mapped around them. A saved target the
/// kind does not have, a mapping saved for another kind, or two columns sent to one field
/// are reported, not silently used.
pub fn apply_saved(
    kind: Kind,
    headers: &[String],
    saved: &SavedMapping,
) -> Result<Vec<ColumnMap>, Vec<FieldIssue>> {
    if saved.kind != kind {
        return Err(vec![FieldIssue::coded(
            "mapping",
            IssueCode::SavedForOtherKind {
                name: saved.name.clone(),
                saved: saved.kind,
                kind,
            },
        )]);
    }
    let folded: HashMap<String, (&str, &str)> = saved
        .columns
        .iter()
        .map(|(h, t)| (fold_header(h), (h.as_str(), t.as_str())))
        .collect();
    let mut issues = Vec::new();
    // A saved header fills the first column that has it; a repeated header is auto-mapped.
    let mut used: HashSet<&str> = HashSet::new();
    let mut owner: HashMap<String, usize> = HashMap::new();
    let mut fixed: Vec<Option<String>> = vec![None; headers.len()];
    for (i, h) in headers.iter().enumerate() {
        let found = saved
            .columns
            .get_key_value(h)
            .map(|(k, t)| (k.as_str(), t.as_str()))
            .or_else(|| folded.get(&fold_header(h)).copied());
        let Some((key, t)) = found else { continue };
        if !used.insert(key) {
            continue;
        }
        let t = t.trim();
        if !is_target(kind, t) {
            issues.push(FieldIssue::coded(
                column_label(headers, i),
                IssueCode::SavedTargetMissing {
                    name: saved.name.clone(),
                    kind,
                    target: t.to_string(),
                },
            ));
            continue;
        }
        if t != "ignore" && custom_target(t).is_none() {
            if let Some(&first) = owner.get(t) {
                issues.push(FieldIssue::coded(
                    column_label(headers, i),
                    IssueCode::SavedTargetFilled {
                        name: saved.name.clone(),
                        kind,
                        target: t.to_string(),
                        from: column_label(headers, first),
                    },
                ));
                continue;
            }
            owner.insert(t.to_string(), i);
        }
        fixed[i] = Some(t.to_string());
    }
    if issues.is_empty() {
        Ok(map_columns(kind, headers, &fixed))
    } else {
        Err(issues)
    }
}

/// Checks a (user-edited) mapping: every column of the file is mapped exactly once (and to
/// the header the file has there), each target is one the kind has (`custom.X` needs a name
/// of 1–100 characters), no field is filled by two columns (nor one custom field), and the
/// kind's required data can come from some column — a deal needs `title`; an order
/// `ordered_on` (an order without a number gets one made for it, and line values without a
/// product or description are the order's own quantity and total); a contact one of first
/// name, last name, full name, email or phone; a company `name`; a ticket or activity
/// `subject`; feedback one of rating, NPS or comment; other kinds their required fields. A
/// mapped `id`
/// satisfies the required data (the rows update existing records). Issues name the column
/// header (or the missing field) and the problem.
pub fn check_mapping(
    kind: Kind,
    headers: &[String],
    mapping: &[ColumnMap],
) -> Result<(), Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let mut seen_columns: HashMap<usize, usize> = HashMap::new();
    let mut filled: HashMap<String, usize> = HashMap::new();
    for (n, m) in mapping.iter().enumerate() {
        if m.column >= headers.len() {
            issues.push(FieldIssue::coded(
                column_label(headers, m.column),
                IssueCode::NoColumn {
                    column: m.column as u64 + 1,
                    columns: headers.len() as u64,
                },
            ));
            continue;
        }
        let label = column_label(headers, m.column);
        if seen_columns.insert(m.column, n).is_some() {
            issues.push(FieldIssue::coded(label, IssueCode::MappedTwice));
            continue;
        }
        if m.header.trim() != headers[m.column].trim() {
            issues.push(FieldIssue::coded(
                label.clone(),
                IssueCode::HeaderChanged {
                    expected: m.header.clone(),
                    column: m.column as u64 + 1,
                    found: headers[m.column].clone(),
                },
            ));
        }
        let t = m.target.trim();
        if t.starts_with("custom.") && custom_target(t).is_none() {
            issues.push(FieldIssue::coded(
                label,
                IssueCode::CustomFieldName { max: 100 },
            ));
            continue;
        }
        if !is_target(kind, t) {
            issues.push(FieldIssue::coded(
                label,
                IssueCode::NotATarget {
                    kind,
                    target: t.to_string(),
                },
            ));
            continue;
        }
        if t == "ignore" {
            continue;
        }
        let key = match custom_target(t) {
            Some(name) => format!("custom.{}", name.to_lowercase()),
            None => t.to_string(),
        };
        if let Some(&first) = filled.get(&key) {
            issues.push(FieldIssue::coded(
                label,
                IssueCode::AlreadyFilled {
                    kind,
                    target: t.to_string(),
                    label: describe_target(kind, t),
                    from: column_label(headers, first),
                },
            ));
        } else {
            filled.insert(key, m.column);
        }
    }
    for column in 0..headers.len() {
        if !seen_columns.contains_key(&column) {
            issues.push(FieldIssue::coded(
                column_label(headers, column),
                IssueCode::NotMapped,
            ));
        }
    }
    if !filled.contains_key("id") {
        for group in required_groups(kind) {
            if group.iter().any(|t| filled.contains_key(*t)) {
                continue;
            }
            if group.is_empty() {
                continue;
            }
            issues.push(FieldIssue::coded(
                group[0].to_string(),
                IssueCode::NeedsColumn {
                    kind,
                    plural: kind.def().plural.to_string(),
                    targets: group.iter().map(|t| t.to_string()).collect(),
                    labels: group.iter().map(|t| describe_target(kind, t)).collect(),
                },
            ));
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}
