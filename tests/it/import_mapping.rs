//! Import column mapping: targets per kind, export detection, auto-mapping of real header
//! rows (Google, Outlook, HubSpot, Salesforce, Pipedrive, Kith; Chinese, German, French and
//! Spanish sheets), saved mappings and the checks on a user-edited mapping.

use std::collections::BTreeMap;

use kith::import::mapping::{
    ColumnMap, MapSource, SavedMapping, apply_saved, auto_map, check_mapping, detect_export,
    targets,
};
use kith::{IssueCode, Kind};

fn headers(row: &str) -> Vec<String> {
    row.split(',').map(str::to_string).collect()
}

/// header → target of an automatic mapping.
fn mapped(kind: Kind, row: &[String]) -> BTreeMap<String, String> {
    let mapping = auto_map(kind, row);
    assert_eq!(
        mapping.len(),
        row.len(),
        "every column gets a target: nothing is dropped"
    );
    for (i, m) in mapping.iter().enumerate() {
        assert_eq!(m.column, i, "columns come back in file order");
        assert_eq!(m.header, row[i], "with their header");
    }
    mapping.into_iter().map(|m| (m.header, m.target)).collect()
}

/// Asserts `header → target` for each pair.
fn expect(kind: Kind, row: &[String], want: &[(&str, &str)]) {
    let got = mapped(kind, row);
    for (header, target) in want {
        assert_eq!(
            got.get(*header).map(String::as_str),
            Some(*target),
            "{kind}: '{header}' maps to '{target}' (all: {got:#?})"
        );
    }
}

/// No two columns of an automatic mapping share a field, and it passes `check_mapping`
/// unless the kind's required data is missing from the file.
fn assert_valid(kind: Kind, row: &[String]) {
    let mapping = auto_map(kind, row);
    if let Err(issues) = check_mapping(kind, row, &mapping) {
        panic!("{kind}: auto_map must produce a valid mapping: {issues:#?}");
    }
}

// ---------------------------------------------------------------------------------- targets

#[test]
fn contact_targets_in_form_order_with_virtual_ones_in_place() {
    let keys: Vec<String> = targets(Kind::Contact).into_iter().map(|t| t.key).collect();
    assert_eq!(
        keys,
        [
            "id",
            "full_name",
            "first_name",
            "last_name",
            "email",
            "phone",
            "company",
            "job_title",
            "city",
            "country",
            "address",
            "website",
            "birthday",
            "source",
            "customer_no",
            "notes",
            "tags",
            "ignore",
        ],
        "id first, full name before the first name, the company link where company_id is, \
         tags and ignore last"
    );
}

#[test]
fn order_targets_include_lines_and_links() {
    let keys: Vec<String> = targets(Kind::Order).into_iter().map(|t| t.key).collect();
    for key in [
        "number",
        "contact",
        "customer_no",
        "company",
        "ordered_on",
        "total",
        "quantity",
        "line.product",
        "line.description",
        "line.quantity",
        "line.unit_price",
        "line.amount",
        "tags",
    ] {
        assert!(keys.contains(&key.to_string()), "orders offer {key}");
    }
    for key in ["contact_id", "company_id", "full_name"] {
        assert!(
            !keys.contains(&key.to_string()),
            "orders link by name or email, not {key}"
        );
    }
    assert_eq!(
        keys.last().map(String::as_str),
        Some("ignore"),
        "ignore is last"
    );
    let lines = keys.iter().position(|k| k == "line.product").unwrap();
    let notes = keys.iter().position(|k| k == "notes").unwrap();
    assert!(
        lines > notes,
        "order lines come after the order's own fields"
    );
}

#[test]
fn other_refs_are_offered_by_field_name() {
    let keys: Vec<String> = targets(Kind::Activity).into_iter().map(|t| t.key).collect();
    for key in ["deal_id", "ticket_id", "contact", "company"] {
        assert!(keys.contains(&key.to_string()), "activities offer {key}");
    }
    let rel: Vec<String> = targets(Kind::Relationship)
        .into_iter()
        .map(|t| t.key)
        .collect();
    for key in ["contact_id", "other_contact_id", "company_id"] {
        assert!(
            rel.contains(&key.to_string()),
            "relationships (not importable) get their plain fields, {key} included"
        );
    }
    assert!(
        !rel.contains(&"contact".to_string()),
        "and no virtual link targets"
    );
}

#[test]
fn required_flags_follow_the_mapping_rules() {
    let required = |kind: Kind| -> Vec<String> {
        targets(kind)
            .into_iter()
            .filter(|t| t.required)
            .map(|t| t.key)
            .collect()
    };
    assert_eq!(required(Kind::Deal), ["title"], "a deal needs its title");
    assert_eq!(
        required(Kind::Order),
        ["ordered_on"],
        "an order needs a date (one without a number gets a generated one)"
    );
    assert_eq!(
        required(Kind::Company),
        ["name"],
        "a company needs its name"
    );
    assert!(
        required(Kind::Contact).is_empty(),
        "a contact needs one of several fields, none in particular"
    );
    assert_eq!(
        required(Kind::OrderLine),
        ["order_id", "description"],
        "other kinds need their required fields"
    );
}

#[test]
fn virtual_targets_are_text_and_lines_have_their_types() {
    let ty = |kind: Kind, key: &str| {
        targets(kind)
            .into_iter()
            .find(|t| t.key == key)
            .map(|t| t.ty)
            .unwrap()
    };
    use kith::FieldType;
    assert_eq!(
        ty(Kind::Contact, "full_name"),
        FieldType::Text,
        "names are text"
    );
    assert_eq!(
        ty(Kind::Deal, "company"),
        FieldType::Text,
        "a company is looked up by name"
    );
    assert_eq!(
        ty(Kind::Order, "line.quantity"),
        FieldType::Decimal,
        "quantities are decimals"
    );
    assert_eq!(
        ty(Kind::Order, "line.unit_price"),
        FieldType::Money,
        "prices are money"
    );
    assert_eq!(
        ty(Kind::Deal, "value"),
        FieldType::Money,
        "fields keep their type"
    );
}

// ---------------------------------------------------------------------------- known exports

const GOOGLE_OLD: &str = "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,Website 1 - Type,Website 1 - Value";

const GOOGLE_NEW: &str = "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value";

const OUTLOOK_CLASSIC: &str = "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,Business Street 2,Business Street 3,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home Street 2,Home Street 3,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other Street 2,Other Street 3,Other City,Other State,Other Postal Code,Other Country/Region,Assistant's Phone,Business Fax,Business Phone,Business Phone 2,Callback,Car Phone,Company Main Phone,Home Fax,Home Phone,Home Phone 2,ISDN,Mobile Phone,Other Fax,Other Phone,Pager,Primary Phone,Radio Phone,TTY/TDD Phone,Telex,Account,Anniversary,Assistant's Name,Billing Information,Birthday,Business Address PO Box,Categories,Children,Directory Server,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,E-mail 3 Display Name,Gender,Government ID Number,Hobby,Home Address PO Box,Initials,Internet Free Busy,Keywords,Language,Location,Manager's Name,Mileage,Notes,Office Location,Organizational ID Number,Other Address PO Box,Priority,Private,Profession,Referred By,Sensitivity,Spouse,User 1,User 2,User 3,User 4,Web Page";

const OUTLOOK_NEW: &str = "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,Home Fax,Other Fax,Company Main Telephone,Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,Manager's Name,Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,Web Page,Birthday,Anniversary,Notes";

const HUBSPOT_CONTACTS: &str = "Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,Lifecycle Stage,Lead Status,Contact owner,Create Date,Last Activity Date,City,Country/Region,Street Address,Website URL,Mobile Phone Number,Associated Company";

const HUBSPOT_DEALS: &str = "Record ID,Deal Name,Deal Stage,Amount,Close Date,Pipeline,Deal owner,Create Date,Associated Company,Associated Contact,Deal Type";

const HUBSPOT_COMPANIES: &str = "Record ID,Company name,Company Domain Name,Industry,Phone Number,City,Country/Region,Number of Employees,Company owner,Create Date";

const SALESFORCE_CONTACTS: &str = "Salutation,First Name,Last Name,Title,Account Name,Mailing Street,Mailing City,Mailing State/Province,Mailing Zip/Postal Code,Mailing Country,Phone,Mobile,Email,Lead Source,Birthdate,Description,Contact Owner";

const SALESFORCE_OPPORTUNITIES: &str = "Opportunity Name,Account Name,Amount,Close Date,Stage,Probability (%),Lead Source,Type,Next Step,Opportunity Owner";

const PIPEDRIVE_PEOPLE: &str = "Person - ID,Person - Name,Person - First name,Person - Last name,Person - Email - Work,Person - Email - Home,Person - Phone - Work,Person - Phone - Mobile,Person - Organization,Person - Labels,Person - Owner";

const PIPEDRIVE_DEALS: &str = "Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Status,Deal - Expected close date,Deal - Person,Deal - Organization,Deal - Owner,Deal - Lost reason";

const PIPEDRIVE_ORGANIZATIONS: &str = "Organization - ID,Organization - Name,Organization - Address,Organization - Labels,Organization - Owner";

#[test]
fn exports_are_detected_by_their_own_columns() {
    let cases = [
        (GOOGLE_OLD, Some("Google Contacts")),
        (GOOGLE_NEW, Some("Google Contacts")),
        (OUTLOOK_CLASSIC, Some("Outlook")),
        (OUTLOOK_NEW, Some("Outlook")),
        (HUBSPOT_CONTACTS, Some("HubSpot")),
        (HUBSPOT_DEALS, Some("HubSpot")),
        (HUBSPOT_COMPANIES, Some("HubSpot")),
        (SALESFORCE_CONTACTS, Some("Salesforce")),
        (SALESFORCE_OPPORTUNITIES, Some("Salesforce")),
        (PIPEDRIVE_PEOPLE, Some("Pipedrive")),
        (PIPEDRIVE_DEALS, Some("Pipedrive")),
        (
            "id,first_name,last_name,email,company,tags,custom.Shoe size",
            Some("Kith"),
        ),
        ("First Name,Last Name,Email,Phone", None),
        ("姓名,手机,邮箱", None),
        ("ID,Name,Email", None),
    ];
    for (row, want) in cases {
        assert_eq!(
            detect_export(&headers(row)),
            want,
            "{want:?} for '{}…'",
            &row.chars().take(40).collect::<String>()
        );
    }
}

#[test]
fn google_contacts_old_format() {
    let row = headers(GOOGLE_OLD);
    expect(
        Kind::Contact,
        &row,
        &[
            ("Name", "full_name"),
            ("Given Name", "first_name"),
            ("Family Name", "last_name"),
            ("E-mail 1 - Value", "email"),
            ("E-mail 2 - Value", "custom.E-mail 2 - Value"),
            ("Phone 1 - Value", "phone"),
            ("Phone 2 - Value", "custom.Phone 2 - Value"),
            ("Organization 1 - Name", "company"),
            ("Organization 1 - Title", "job_title"),
            ("Group Membership", "tags"),
            ("Notes", "notes"),
            ("Birthday", "birthday"),
            ("Address 1 - Formatted", "address"),
            ("Address 1 - Street", "custom.Address 1 - Street"),
            ("Address 1 - City", "city"),
            ("Address 1 - Country", "country"),
            ("Website 1 - Value", "website"),
            ("Location", "custom.Location"),
            ("Occupation", "custom.Occupation"),
            ("Subject", "custom.Subject"),
            ("Additional Name", "custom.Additional Name"),
        ],
    );
    assert_valid(Kind::Contact, &row);
    let sources: BTreeMap<String, MapSource> = auto_map(Kind::Contact, &row)
        .into_iter()
        .map(|m| (m.header, m.source))
        .collect();
    assert_eq!(
        sources["Given Name"],
        MapSource::Export,
        "recognised as Google's column"
    );
    assert_eq!(
        sources["Notes"],
        MapSource::Exact,
        "Notes is the field's own label"
    );
    assert_eq!(
        sources["E-mail 2 - Value"],
        MapSource::Unmapped,
        "the second email lost to the first and became custom"
    );
}

#[test]
fn google_contacts_new_format() {
    let row = headers(GOOGLE_NEW);
    expect(
        Kind::Contact,
        &row,
        &[
            ("First Name", "first_name"),
            ("Last Name", "last_name"),
            ("Middle Name", "custom.Middle Name"),
            ("Organization Name", "company"),
            ("Organization Title", "job_title"),
            ("Labels", "tags"),
            ("E-mail 1 - Value", "email"),
            ("E-mail 1 - Label", "custom.E-mail 1 - Label"),
            ("Phone 1 - Value", "phone"),
            ("Address 1 - City", "city"),
            ("Website 1 - Value", "website"),
            ("Birthday", "birthday"),
            ("Notes", "notes"),
        ],
    );
    assert_valid(Kind::Contact, &row);
}

#[test]
fn outlook_exports() {
    for row in [OUTLOOK_CLASSIC, OUTLOOK_NEW] {
        let row = headers(row);
        expect(
            Kind::Contact,
            &row,
            &[
                ("First Name", "first_name"),
                ("Last Name", "last_name"),
                ("Title", "custom.Title"),
                ("E-mail Address", "email"),
                ("E-mail 2 Address", "custom.E-mail 2 Address"),
                ("Mobile Phone", "phone"),
                ("Business Phone", "custom.Business Phone"),
                ("Home Phone", "custom.Home Phone"),
                ("Company", "company"),
                ("Job Title", "job_title"),
                ("Business Street", "address"),
                ("Business City", "city"),
                ("Business Country/Region", "country"),
                ("Home City", "custom.Home City"),
                ("Web Page", "website"),
                ("Birthday", "birthday"),
                ("Notes", "notes"),
            ],
        );
        assert_valid(Kind::Contact, &row);
    }
    expect(
        Kind::Contact,
        &headers(OUTLOOK_CLASSIC),
        &[
            ("Categories", "tags"),
            ("Keywords", "custom.Keywords"),
            ("Account", "custom.Account"),
        ],
    );
}

#[test]
fn hubspot_exports() {
    let row = headers(HUBSPOT_CONTACTS);
    expect(
        Kind::Contact,
        &row,
        &[
            ("Record ID", "custom.Record ID"),
            ("First Name", "first_name"),
            ("Email", "email"),
            ("Phone Number", "phone"),
            ("Mobile Phone Number", "custom.Mobile Phone Number"),
            ("Company Name", "company"),
            ("Associated Company", "custom.Associated Company"),
            ("Job Title", "job_title"),
            ("Lifecycle Stage", "custom.Lifecycle Stage"),
            ("Contact owner", "custom.Contact owner"),
            ("City", "city"),
            ("Country/Region", "country"),
            ("Street Address", "address"),
            ("Website URL", "website"),
        ],
    );
    assert_valid(Kind::Contact, &row);
    let row = headers(HUBSPOT_DEALS);
    expect(
        Kind::Deal,
        &row,
        &[
            ("Record ID", "custom.Record ID"),
            ("Deal Name", "title"),
            ("Deal Stage", "stage"),
            ("Amount", "value"),
            ("Close Date", "expected_close"),
            ("Pipeline", "custom.Pipeline"),
            ("Deal owner", "custom.Deal owner"),
            ("Associated Company", "company"),
            ("Associated Contact", "contact"),
        ],
    );
    assert_valid(Kind::Deal, &row);
    let row = headers(HUBSPOT_COMPANIES);
    expect(
        Kind::Company,
        &row,
        &[
            ("Company name", "name"),
            ("Company Domain Name", "domain"),
            ("Industry", "industry"),
            ("Phone Number", "phone"),
            ("Number of Employees", "employees"),
        ],
    );
    assert_valid(Kind::Company, &row);
}

#[test]
fn salesforce_exports() {
    let row = headers(SALESFORCE_CONTACTS);
    expect(
        Kind::Contact,
        &row,
        &[
            ("Salutation", "custom.Salutation"),
            ("Title", "job_title"),
            ("Account Name", "company"),
            ("Mailing Street", "address"),
            ("Mailing City", "city"),
            ("Mailing Country", "country"),
            ("Phone", "phone"),
            ("Mobile", "custom.Mobile"),
            ("Email", "email"),
            ("Lead Source", "source"),
            ("Birthdate", "birthday"),
            ("Description", "notes"),
            ("Contact Owner", "custom.Contact Owner"),
        ],
    );
    assert_valid(Kind::Contact, &row);
    let row = headers(SALESFORCE_OPPORTUNITIES);
    expect(
        Kind::Deal,
        &row,
        &[
            ("Opportunity Name", "title"),
            ("Account Name", "company"),
            ("Amount", "value"),
            ("Close Date", "expected_close"),
            ("Stage", "stage"),
            ("Probability (%)", "probability"),
            ("Lead Source", "source"),
            ("Type", "custom.Type"),
        ],
    );
    assert_valid(Kind::Deal, &row);
}

#[test]
fn pipedrive_exports() {
    let row = headers(PIPEDRIVE_PEOPLE);
    expect(
        Kind::Contact,
        &row,
        &[
            ("Person - ID", "custom.Person - ID"),
            ("Person - Name", "full_name"),
            ("Person - First name", "first_name"),
            ("Person - Last name", "last_name"),
            ("Person - Email - Work", "email"),
            ("Person - Email - Home", "custom.Person - Email - Home"),
            ("Person - Phone - Work", "phone"),
            ("Person - Organization", "company"),
            ("Person - Labels", "tags"),
        ],
    );
    assert_valid(Kind::Contact, &row);
    let row = headers(PIPEDRIVE_DEALS);
    expect(
        Kind::Deal,
        &row,
        &[
            ("Deal - Title", "title"),
            ("Deal - Value", "value"),
            ("Deal - Currency", "currency"),
            ("Deal - Stage", "stage"),
            ("Deal - Status", "custom.Deal - Status"),
            ("Deal - Expected close date", "expected_close"),
            ("Deal - Person", "contact"),
            ("Deal - Organization", "company"),
            ("Deal - Lost reason", "lost_reason"),
        ],
    );
    assert_valid(Kind::Deal, &row);
    expect(
        Kind::Company,
        &headers(PIPEDRIVE_ORGANIZATIONS),
        &[
            ("Organization - Name", "name"),
            ("Organization - Address", "address"),
            ("Organization - Labels", "tags"),
        ],
    );
}

#[test]
fn one_export_header_serves_several_kinds() {
    expect(
        Kind::Deal,
        &headers("Deal - Title,Person - Name,Organization - Name"),
        &[
            ("Person - Name", "contact"),
            ("Organization - Name", "company"),
        ],
    );
}

// ------------------------------------------------------------------------------- Kith's own

#[test]
fn kith_export_headers_round_trip() {
    let cases = [
        (
            Kind::Contact,
            "id,first_name,last_name,email,phone,company,job_title,city,country,address,website,birthday,source,notes,tags,custom.Shoe size",
        ),
        (
            Kind::Deal,
            "id,title,contact,company,stage,probability,value,currency,expected_close,closed_on,lost_reason,source,notes,tags",
        ),
        (
            Kind::Order,
            "id,number,contact,company,ordered_on,status,total,currency,channel,notes,tags,custom.Gift wrap",
        ),
        (
            Kind::Activity,
            "id,kind,subject,body,contact,company,deal_id,ticket_id,occurred_at,due_on,done,tags",
        ),
    ];
    for (kind, row) in cases {
        let row = headers(row);
        assert_eq!(detect_export(&row), Some("Kith"), "Kith's own headers");
        for m in auto_map(kind, &row) {
            assert_eq!(
                m.target, m.header,
                "{kind}: Kith's header is the target itself"
            );
            assert_eq!(
                m.source,
                MapSource::Exact,
                "{kind}: {} matched exactly",
                m.header
            );
        }
        assert_valid(kind, &row);
    }
}

#[test]
fn an_id_from_another_system_is_not_a_kith_id() {
    expect(
        Kind::Contact,
        &headers("ID,Name,Email"),
        &[("ID", "custom.ID"), ("Name", "full_name")],
    );
    expect(
        Kind::Contact,
        &headers("Kith id,Email"),
        &[("Kith id", "id")],
    );
}

// ----------------------------------------------------------------------- languages & sheets

#[test]
fn chinese_contact_sheets() {
    let row = headers("姓名,手机,邮箱,公司,职位,城市,国家,地址,生日,备注,标签,来源,微信");
    expect(
        Kind::Contact,
        &row,
        &[
            ("姓名", "full_name"),
            ("手机", "phone"),
            ("邮箱", "email"),
            ("公司", "company"),
            ("职位", "job_title"),
            ("城市", "city"),
            ("国家", "country"),
            ("地址", "address"),
            ("生日", "birthday"),
            ("备注", "notes"),
            ("标签", "tags"),
            ("来源", "source"),
            ("微信", "custom.微信"),
        ],
    );
    expect(
        Kind::Contact,
        &headers("姓,名,联系电话,电子邮件,单位,职务,出生日期,说明"),
        &[
            ("姓", "last_name"),
            ("名", "first_name"),
            ("联系电话", "phone"),
            ("电子邮件", "email"),
            ("单位", "company"),
            ("职务", "job_title"),
            ("出生日期", "birthday"),
            ("说明", "notes"),
        ],
    );
    for (header, target) in [
        ("手机号", "phone"),
        ("电话", "phone"),
        ("移动电话", "phone"),
        ("电子邮箱", "email"),
        ("邮件", "email"),
        ("公司名称", "company"),
        ("企业", "company"),
        ("职称", "job_title"),
    ] {
        expect(Kind::Contact, &headers(header), &[(header, target)]);
    }
}

#[test]
fn traditional_chinese_headers() {
    expect(
        Kind::Contact,
        &headers("姓名,手機,電子郵件,公司名稱,職稱,國家,備註,標籤,聯絡電話"),
        &[
            ("姓名", "full_name"),
            ("手機", "phone"),
            ("電子郵件", "email"),
            ("公司名稱", "company"),
            ("職稱", "job_title"),
            ("國家", "country"),
            ("備註", "notes"),
            ("標籤", "tags"),
            ("聯絡電話", "custom.聯絡電話"),
        ],
    );
    expect(
        Kind::Order,
        &headers("訂單編號,訂單日期,總金額,狀態,數量,單價"),
        &[
            ("訂單編號", "number"),
            ("訂單日期", "ordered_on"),
            ("總金額", "total"),
            ("狀態", "status"),
            // No product: the quantity is the order's own; the unit price a line's, which
            // the import turns into the order's total when the file has none.
            ("數量", "quantity"),
            ("單價", "line.unit_price"),
        ],
    );
}

#[test]
fn chinese_order_and_company_sheets() {
    let row = headers("订单号,下单日期,客户,商品,数量,单价,金额,状态");
    expect(
        Kind::Order,
        &row,
        &[
            ("订单号", "number"),
            ("下单日期", "ordered_on"),
            ("客户", "contact"),
            ("商品", "line.product"),
            ("数量", "line.quantity"),
            ("单价", "line.unit_price"),
            ("金额", "total"),
            ("状态", "status"),
        ],
    );
    assert_valid(Kind::Order, &row);
    expect(
        Kind::Order,
        &headers("订单编号,订单日期,总额,产品"),
        &[
            ("订单编号", "number"),
            ("订单日期", "ordered_on"),
            ("总额", "total"),
            ("产品", "line.product"),
        ],
    );
    expect(
        Kind::Company,
        &headers("名称,行业,城市,员工人数"),
        &[
            ("名称", "name"),
            ("行业", "industry"),
            ("城市", "city"),
            ("员工人数", "employees"),
        ],
    );
}

#[test]
fn german_sheets() {
    let row = headers(
        "Vorname,Name,E-Mail,Telefon,Handy,Firma,Position,Straße,PLZ,Ort,Land,Geburtstag,Notizen",
    );
    expect(
        Kind::Contact,
        &row,
        &[
            ("Vorname", "first_name"),
            ("Name", "last_name"),
            ("E-Mail", "email"),
            ("Telefon", "phone"),
            ("Handy", "custom.Handy"),
            ("Firma", "company"),
            ("Position", "job_title"),
            ("Straße", "address"),
            ("PLZ", "custom.PLZ"),
            ("Ort", "city"),
            ("Land", "country"),
            ("Geburtstag", "birthday"),
            ("Notizen", "notes"),
        ],
    );
    expect(
        Kind::Contact,
        &headers("Vorname,Nachname,Name,Mobil,Unternehmen,Funktion,Stadt,Adresse,Bemerkung"),
        &[
            ("Nachname", "last_name"),
            ("Name", "full_name"),
            ("Mobil", "phone"),
            ("Unternehmen", "company"),
            ("Funktion", "job_title"),
            ("Stadt", "city"),
            ("Adresse", "address"),
            ("Bemerkung", "notes"),
        ],
    );
    let row = headers("Bestellnummer,Bestelldatum,Kunde,Artikel,Menge,Einzelpreis,Summe,Betrag");
    expect(
        Kind::Order,
        &row,
        &[
            ("Bestellnummer", "number"),
            ("Bestelldatum", "ordered_on"),
            ("Kunde", "contact"),
            ("Artikel", "line.product"),
            ("Menge", "line.quantity"),
            ("Einzelpreis", "line.unit_price"),
            ("Summe", "total"),
            ("Betrag", "custom.Betrag"),
        ],
    );
    assert_valid(Kind::Order, &row);
}

#[test]
fn french_sheets() {
    expect(
        Kind::Contact,
        &headers(
            "Prénom,Nom,Courriel,Téléphone,Portable,Société,Poste,Ville,Pays,Adresse,Date de naissance,Remarques",
        ),
        &[
            ("Prénom", "first_name"),
            ("Nom", "last_name"),
            ("Courriel", "email"),
            ("Téléphone", "phone"),
            ("Portable", "custom.Portable"),
            ("Société", "company"),
            ("Poste", "job_title"),
            ("Ville", "city"),
            ("Pays", "country"),
            ("Adresse", "address"),
            ("Date de naissance", "birthday"),
            ("Remarques", "notes"),
        ],
    );
    expect(
        Kind::Contact,
        &headers("Nom,Entreprise,Portable"),
        &[
            ("Nom", "full_name"),
            ("Entreprise", "company"),
            ("Portable", "phone"),
        ],
    );
    expect(
        Kind::Company,
        &headers("Nom,Secteur,Ville"),
        &[("Nom", "name"), ("Secteur", "industry"), ("Ville", "city")],
    );
}

#[test]
fn spanish_sheets() {
    expect(
        Kind::Contact,
        &headers(
            "Nombre,Apellidos,Correo electrónico,Teléfono,Móvil,Empresa,Cargo,Ciudad,País,Dirección,Fecha de nacimiento,Notas",
        ),
        &[
            ("Nombre", "first_name"),
            ("Apellidos", "last_name"),
            ("Correo electrónico", "email"),
            ("Teléfono", "phone"),
            ("Móvil", "custom.Móvil"),
            ("Empresa", "company"),
            ("Cargo", "job_title"),
            ("Ciudad", "city"),
            ("País", "country"),
            ("Dirección", "address"),
            ("Fecha de nacimiento", "birthday"),
            ("Notas", "notes"),
        ],
    );
    expect(
        Kind::Contact,
        &headers("Nombre,Celular,Compañía,Puesto"),
        &[
            ("Nombre", "full_name"),
            ("Celular", "phone"),
            ("Compañía", "company"),
            ("Puesto", "job_title"),
        ],
    );
}

#[test]
fn name_means_different_things_per_kind() {
    let row = headers("Name,Company");
    expect(
        Kind::Contact,
        &row,
        &[("Name", "full_name"), ("Company", "company")],
    );
    expect(
        Kind::Company,
        &headers("Name,Industry"),
        &[("Name", "name")],
    );
    expect(
        Kind::Company,
        &headers("Company,Industry"),
        &[("Company", "name")],
    );
    expect(
        Kind::Deal,
        &headers("Name,Company,Email"),
        &[
            ("Name", "title"),
            ("Company", "company"),
            ("Email", "contact"),
        ],
    );
    expect(
        Kind::Ticket,
        &headers("Subject,Customer,Priority,Status"),
        &[
            ("Subject", "subject"),
            ("Customer", "contact"),
            ("Priority", "priority"),
            ("Status", "status"),
        ],
    );
    expect(
        Kind::Feedback,
        &headers("Customer email,Rating,NPS,Comment,Date"),
        &[
            ("Customer email", "contact"),
            ("Rating", "rating"),
            ("NPS", "nps"),
            ("Comment", "comment"),
            ("Date", "received_at"),
        ],
    );
    expect(
        Kind::Activity,
        &headers("Type,Subject,Details,Contact,Date,Done"),
        &[
            ("Type", "kind"),
            ("Details", "body"),
            ("Contact", "contact"),
            ("Date", "occurred_at"),
            ("Done", "done"),
        ],
    );
}

#[test]
fn headers_are_folded_before_matching() {
    for header in [
        "EMAIL",
        "e_mail",
        " E-Mail ",
        "ＥＭＡＩＬ",
        "Email:",
        "E.mail",
        "E-mail address",
    ] {
        expect(Kind::Contact, &headers(header), &[(header, "email")]);
    }
    expect(
        Kind::Contact,
        &headers("TELEPHONE,telefono,Geburts-Datum"),
        &[
            ("TELEPHONE", "phone"),
            ("telefono", "custom.telefono"),
            ("Geburts-Datum", "birthday"),
        ],
    );
}

#[test]
fn a_typo_one_letter_off_a_long_synonym_still_matches() {
    expect(
        Kind::Contact,
        &headers("E-mail adress,Company Type,Compnay name"),
        &[
            ("E-mail adress", "email"),
            ("Company Type", "custom.Company Type"),
            ("Compnay name", "company"),
        ],
    );
}

// ----------------------------------------------------------------------- conflicts, customs

#[test]
fn the_better_match_keeps_a_target() {
    let mapping = auto_map(Kind::Contact, &headers("Mail,E-mail address,Email"));
    let target: Vec<&str> = mapping.iter().map(|m| m.target.as_str()).collect();
    assert_eq!(
        target,
        ["custom.Mail", "custom.E-mail address", "email"],
        "the exact header wins over synonyms, wherever it is"
    );
    let mapping = auto_map(Kind::Contact, &headers("Mail,E-mail address"));
    let target: Vec<&str> = mapping.iter().map(|m| m.target.as_str()).collect();
    assert_eq!(
        target,
        ["email", "custom.E-mail address"],
        "between equal matches the earlier column wins"
    );
}

#[test]
fn unknown_and_blank_headers_become_custom_fields() {
    let mapping = auto_map(Kind::Contact, &headers("Shoe size,,Foo,Foo,custom.Foo"));
    let got: Vec<(&str, MapSource)> = mapping
        .iter()
        .map(|m| (m.target.as_str(), m.source))
        .collect();
    assert_eq!(
        got,
        [
            ("custom.Shoe size", MapSource::Unmapped),
            ("custom.Column 2", MapSource::Unmapped),
            ("custom.Foo (2)", MapSource::Unmapped),
            ("custom.Foo (3)", MapSource::Unmapped),
            ("custom.Foo", MapSource::Exact),
        ],
        "nothing is dropped; a blank header is named by its column; two columns never fill \
         one custom field (Kith's own custom.Foo keeps its name)"
    );
    assert_valid(
        Kind::Contact,
        &headers("Email,Shoe size,,Foo,Foo,custom.Foo"),
    );
    let long = "x".repeat(150);
    let mapping = auto_map(Kind::Contact, &[long]);
    assert_eq!(
        mapping[0].target.chars().count(),
        "custom.".len() + 100,
        "a custom field name is at most 100 characters"
    );
}

#[test]
fn column_maps_serialise_as_plain_json() {
    let m = ColumnMap {
        column: 2,
        header: "E-mail".into(),
        target: "email".into(),
        source: MapSource::Exact,
    };
    let json = serde_json::to_string(&m).unwrap();
    assert_eq!(
        json, r#"{"column":2,"header":"E-mail","target":"email","source":"exact"}"#,
        "mappings are plain JSON the UI edits and saves"
    );
    assert_eq!(
        serde_json::from_str::<ColumnMap>(&json).unwrap(),
        m,
        "and read back"
    );
}

// ------------------------------------------------------------------------------ apply_saved

fn saved(kind: Kind, pairs: &[(&str, &str)]) -> SavedMapping {
    SavedMapping {
        name: "CRM export".into(),
        kind,
        columns: pairs
            .iter()
            .map(|(h, t)| (h.to_string(), t.to_string()))
            .collect(),
    }
}

#[test]
fn saved_entries_win_and_the_rest_is_auto_mapped() {
    let row = headers("Mail,Telefon,Vorname,Kundennummer,E-Mail,Notes");
    let s = saved(
        Kind::Contact,
        &[
            ("Mail", "email"),
            ("Telefon", "ignore"),
            ("Kundennummer", "custom.Customer no"),
            ("Not in this file", "city"),
        ],
    );
    let got: Vec<(String, MapSource)> = apply_saved(Kind::Contact, &row, &s)
        .unwrap()
        .into_iter()
        .map(|m| (m.target, m.source))
        .collect();
    let want = [
        ("email", MapSource::Saved),
        ("ignore", MapSource::Saved),
        ("first_name", MapSource::Synonym),
        ("custom.Customer no", MapSource::Saved),
        ("custom.E-Mail", MapSource::Unmapped),
        ("notes", MapSource::Exact),
    ];
    let want: Vec<(String, MapSource)> = want.iter().map(|(t, s)| (t.to_string(), *s)).collect();
    assert_eq!(
        got, want,
        "saved targets win even over exact matches; the exact E-Mail loses email to the saved \
         column; entries for absent headers are harmless"
    );
}

#[test]
fn saved_headers_match_folded() {
    let row = headers("E-MAIL ,Phone");
    let s = saved(Kind::Contact, &[("e-mail", "custom.Old email")]);
    let mapping = apply_saved(Kind::Contact, &row, &s).unwrap();
    assert_eq!(
        (mapping[0].target.as_str(), mapping[0].source),
        ("custom.Old email", MapSource::Saved),
        "a header spelt a little differently still finds its saved target"
    );
}

#[test]
fn invalid_saved_targets_are_reported() {
    let row = headers("Stage,Email,Other");
    let s = saved(
        Kind::Contact,
        &[("Stage", "stage"), ("Email", "email"), ("Other", "custom.")],
    );
    let issues = apply_saved(Kind::Contact, &row, &s).unwrap_err();
    assert_eq!(issues.len(), 2, "each bad entry is reported: {issues:?}");
    assert_eq!(issues[0].field, "Stage", "the issue names the column");
    assert!(
        issues[0].reason.contains("'stage'") && issues[0].reason.contains("CRM export"),
        "and the saved mapping and target: {}",
        issues[0].reason
    );
    assert_eq!(
        issues[1].field, "Other",
        "an empty custom name is not a target"
    );
    assert_eq!(
        issues[0].code,
        Some(IssueCode::SavedTargetMissing {
            name: "CRM export".into(),
            kind: Kind::Contact,
            target: "stage".into(),
        }),
        "coded, for the window to say in its language"
    );
}

#[test]
fn a_saved_mapping_for_another_kind_is_refused() {
    let issues = apply_saved(
        Kind::Contact,
        &headers("Title"),
        &saved(Kind::Deal, &[("Title", "title")]),
    )
    .unwrap_err();
    assert!(
        issues[0].reason.contains("deals") && issues[0].reason.contains("contacts"),
        "the kinds are named: {}",
        issues[0].reason
    );
    assert_eq!(
        issues[0].code,
        Some(IssueCode::SavedForOtherKind {
            name: "CRM export".into(),
            saved: Kind::Deal,
            kind: Kind::Contact,
        })
    );
}

#[test]
fn a_saved_mapping_filling_one_field_twice_is_refused() {
    let issues = apply_saved(
        Kind::Contact,
        &headers("Mail,Email"),
        &saved(Kind::Contact, &[("Mail", "email"), ("Email", "email")]),
    )
    .unwrap_err();
    assert_eq!(issues.len(), 1, "one conflict: {issues:?}");
    assert_eq!(issues[0].field, "Email", "the later column is named");
    assert!(
        issues[0].reason.contains("'Mail'"),
        "with the column that already fills the field: {}",
        issues[0].reason
    );
    assert!(
        matches!(&issues[0].code, Some(IssueCode::SavedTargetFilled { target, from, .. })
            if target == "email" && from == "Mail"),
        "{:?}",
        issues[0].code
    );
}

#[test]
fn a_repeated_header_takes_its_saved_target_once() {
    let row = headers("Email,Email");
    let mapping = apply_saved(
        Kind::Contact,
        &row,
        &saved(Kind::Contact, &[("Email", "email")]),
    )
    .unwrap();
    assert_eq!(
        mapping[0].target, "email",
        "the first Email column is saved"
    );
    assert_eq!(
        mapping[1].target, "custom.Email",
        "the second cannot fill email too"
    );
    assert!(
        check_mapping(Kind::Contact, &row, &mapping).is_ok(),
        "valid"
    );
}

// ---------------------------------------------------------------------------- check_mapping

fn col(column: usize, header: &str, target: &str) -> ColumnMap {
    ColumnMap {
        column,
        header: header.into(),
        target: target.into(),
        source: MapSource::User,
    }
}

fn issues(kind: Kind, row: &[String], mapping: &[ColumnMap]) -> Vec<(String, String)> {
    check_mapping(kind, row, mapping)
        .unwrap_err()
        .into_iter()
        .map(|i| (i.field, i.reason))
        .collect()
}

#[test]
fn a_complete_user_mapping_passes() {
    let row = headers("Title,Stage,Client,Skip me,Notes,Notes 2");
    let mapping = [
        col(0, "Title", "title"),
        col(1, "Stage", "stage"),
        col(2, "Client", "contact"),
        col(3, "Skip me", "ignore"),
        col(4, "Notes", "ignore"),
        col(5, "Notes 2", "custom.Notes"),
    ];
    assert_eq!(
        check_mapping(Kind::Deal, &row, &mapping),
        Ok(()),
        "ignore may repeat; a custom field may be named freely"
    );
}

#[test]
fn columns_must_be_mapped_exactly_once() {
    let row = headers("Title,Stage,Value");
    let got = issues(
        Kind::Deal,
        &row,
        &[
            col(0, "Title", "title"),
            col(0, "Title", "notes"),
            col(5, "Ghost", "stage"),
        ],
    );
    let fields: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
    assert!(
        got.iter()
            .any(|(f, r)| f == "Title" && r.contains("more than once")),
        "a column mapped twice is named: {got:?}"
    );
    assert!(
        got.iter()
            .any(|(f, r)| f == "column 6" && r.contains("does not exist")),
        "a column the file does not have is named: {got:?}"
    );
    assert!(
        fields.contains(&"Stage") && fields.contains(&"Value"),
        "unmapped columns are named: {got:?}"
    );
}

#[test]
fn targets_must_exist_for_the_kind() {
    let row = headers("Title,Size,Blank,Long");
    let long = format!("custom.{}", "y".repeat(101));
    let got = issues(
        Kind::Deal,
        &row,
        &[
            col(0, "Title", "title"),
            col(1, "Size", "shoe_size"),
            col(2, "Blank", "custom.  "),
            col(3, "Long", &long),
        ],
    );
    assert!(
        got.iter()
            .any(|(f, r)| f == "Size" && r.contains("'shoe_size'")),
        "an unknown target is named with its column: {got:?}"
    );
    for header in ["Blank", "Long"] {
        assert!(
            got.iter()
                .any(|(f, r)| f == header && r.contains("1 to 100 characters")),
            "{header}: custom fields need a name of 1 to 100 characters: {got:?}"
        );
    }
    let got = issues(
        Kind::Contact,
        &headers("Stage,Email"),
        &[col(0, "Stage", "stage"), col(1, "Email", "email")],
    );
    assert_eq!(got.len(), 1, "contacts have no stage: {got:?}");
}

#[test]
fn no_field_is_filled_twice() {
    let row = headers("Email,Mail,Foo,Bar");
    let got = issues(
        Kind::Contact,
        &row,
        &[
            col(0, "Email", "email"),
            col(1, "Mail", "email"),
            col(2, "Foo", "custom.Extra"),
            col(3, "Bar", "custom.extra"),
        ],
    );
    assert!(
        got.iter()
            .any(|(f, r)| f == "Mail" && r.contains("Email") && r.contains("already filled")),
        "the second column is named with the first: {got:?}"
    );
    assert!(
        got.iter()
            .any(|(f, r)| f == "Bar" && r.contains("already filled")),
        "two columns into one custom field would lose one of them: {got:?}"
    );
}

#[test]
fn the_mapping_must_fit_the_file() {
    let got = issues(
        Kind::Contact,
        &headers("Email,Phone"),
        &[col(0, "Email", "email"), col(1, "Mobile", "phone")],
    );
    assert!(
        got.iter()
            .any(|(f, r)| f == "Phone" && r.contains("'Mobile'")),
        "a mapping made for another file is caught: {got:?}"
    );
}

#[test]
fn required_data_must_come_from_somewhere() {
    let cases: &[(Kind, &str, &str, &[&str])] = &[
        (Kind::Deal, "Value", "value", &["title"]),
        (Kind::Order, "Total", "total", &["ordered_on"]),
        (Kind::Company, "City", "city", &["name"]),
        (Kind::Ticket, "Status", "status", &["subject"]),
        (Kind::Activity, "Type", "kind", &["subject"]),
        (Kind::Contact, "City", "city", &["first_name"]),
        (Kind::Feedback, "Channel", "channel", &["rating"]),
        (Kind::Product, "SKU", "sku", &["name"]),
    ];
    for (kind, header, target, missing) in cases {
        let got = issues(*kind, &headers(header), &[col(0, header, target)]);
        let fields: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, *missing, "{kind} without {missing:?}: {got:?}");
    }
    let got = issues(Kind::Contact, &headers("City"), &[col(0, "City", "city")]);
    for name in ["First name", "Last name", "Full name", "Email", "Phone"] {
        assert!(
            got[0].1.contains(name),
            "a contact's alternatives are all named ({name}): {}",
            got[0].1
        );
    }
    for (kind, header, target) in [
        (Kind::Contact, "Phone", "phone"),
        (Kind::Contact, "Name", "full_name"),
        (Kind::Feedback, "NPS", "nps"),
        (Kind::Deal, "id", "id"),
    ] {
        assert_eq!(
            check_mapping(kind, &headers(header), &[col(0, header, target)]),
            Ok(()),
            "{kind}: {target} is enough (an id updates existing records)"
        );
    }
}

#[test]
fn order_lines_need_no_product_or_description() {
    let row = headers("Number,Date,Qty");
    assert!(
        check_mapping(
            Kind::Order,
            &row,
            &[
                col(0, "Number", "number"),
                col(1, "Date", "ordered_on"),
                col(2, "Qty", "line.quantity"),
            ],
        )
        .is_ok(),
        "line values without a product are the order's own (a purchase log)"
    );
    assert!(
        check_mapping(
            Kind::Order,
            &headers("Number,Date,Qty,Item"),
            &[
                col(0, "Number", "number"),
                col(1, "Date", "ordered_on"),
                col(2, "Qty", "line.quantity"),
                col(3, "Item", "line.product"),
            ],
        )
        .is_ok(),
        "with a product the lines are complete"
    );
}
