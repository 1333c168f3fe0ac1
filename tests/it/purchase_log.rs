//! A shop's purchase log (one row per purchase: customer, date, quantity, amount; no order
//! number, no product) imported as orders with no options: every row an order linked to its
//! customer, stable generated numbers, refunds and free orders kept, and lifetime value run on
//! it as on the same data imported with an explicit mapping.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use kith::analytics::clv::{self, FitOptions, OrderPoint, Period};
use kith::export::{self, ExportOptions};
use kith::import::mapping::auto_map;
use kith::import::{self, ImportOptions, ImportReport, MatchBy};
use kith::{EntityRecord, Kind, ListQuery, Store, Value};

use crate::{Fixture, input, kith};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the test file");
    path
}

fn import_file(store: &mut Store, path: &Path, kind: Kind) -> ImportReport {
    import::run(
        store,
        path,
        kind,
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap_or_else(|e| panic!("import of {} failed: {e}", path.display()))
}

fn all(store: &Store, kind: Kind) -> Vec<EntityRecord> {
    let q = ListQuery {
        limit: 1000,
        ..ListQuery::default()
    };
    store.list_records(kind, &q).expect("list").rows
}

fn text(r: &EntityRecord, field: &str) -> String {
    r.text(field).unwrap_or_default()
}

fn linked_contacts(r: &ImportReport) -> u64 {
    r.linked
        .iter()
        .find(|l| l.kind == Kind::Contact)
        .map_or(0, |l| l.created)
}

#[test]
fn purchase_log_headers_map_to_a_customer_a_date_a_quantity_and_a_total() {
    let cases: &[(Kind, &[&str], &[&str])] = &[
        (
            Kind::Order,
            &["customer_id", "order_date", "quantity", "amount"],
            &["customer_no", "ordered_on", "quantity", "total"],
        ),
        (
            Kind::Order,
            &["客户编号", "日期", "数量", "金额"],
            &["customer_no", "ordered_on", "quantity", "total"],
        ),
        (
            Kind::Order,
            &["客户编号", "客户名称", "日期", "金额"],
            &["customer_no", "contact", "ordered_on", "total"],
        ),
        (
            Kind::Order,
            &["Kundennummer", "Datum", "Menge", "Betrag"],
            &["customer_no", "ordered_on", "quantity", "total"],
        ),
        (
            Kind::Order,
            &["Customer Email", "Order Date", "Total"],
            &["contact", "ordered_on", "total"],
        ),
        // With a product, the quantity is the line's.
        (
            Kind::Order,
            &["Order number", "Date", "Product", "Quantity", "Unit price"],
            &[
                "number",
                "ordered_on",
                "line.product",
                "line.quantity",
                "line.unit_price",
            ],
        ),
        // A contact list names the same number as the contact's own.
        (
            Kind::Contact,
            &["Customer ID", "Name", "Email"],
            &["customer_no", "full_name", "email"],
        ),
        (
            Kind::Contact,
            &["客户编号", "姓名", "手机"],
            &["customer_no", "full_name", "phone"],
        ),
    ];
    for (kind, headers, want) in cases {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let got: Vec<String> = auto_map(*kind, &headers)
            .into_iter()
            .map(|c| c.target)
            .collect();
        assert_eq!(
            got, *want,
            "{kind} headers {headers:?} must map with no help (a purchase log imports as it is)"
        );
    }
}

const ENGLISH: &str = "customer_id,order_date,quantity,amount
C-1001,2026-01-05,2,59.80
C-1002,2026-01-06,1,19.90
C-1001,2026-02-10,1,29.90
C-1003,2026-02-11,1,0.00
C-1002,2026-03-01,-1,-19.90
C-1001,2026-02-10,1,29.90
ann@example.com,2026-03-05,3,45.00
+49 30 901820,2026-03-06,1,12.00
";

#[test]
fn an_english_purchase_log_imports_with_no_options_and_again_without_duplicates() {
    let mut f = Fixture::new();
    let path = write(f.dir.path(), "purchases.csv", ENGLISH);
    let r = import_file(&mut f.store, &path, Kind::Order);
    assert_eq!(
        (r.counts.rows, r.counts.created),
        (8, 8),
        "every row of a purchase log is an order: {:#?}",
        r.rows
    );
    assert_eq!(
        linked_contacts(&r),
        5,
        "three customer numbers, an email and a phone: five contacts created and counted"
    );
    assert!(
        r.notes
            .iter()
            .any(|w| w.text.contains("8 orders had no number")),
        "the report says the numbers were generated: {:?}",
        r.notes
    );
    let orders = all(&f.store, Kind::Order);
    assert_eq!(orders.len(), 8, "one order per row");
    assert!(
        orders
            .iter()
            .all(|o| text(o, "number").starts_with("AUTO-") && !text(o, "contact_id").is_empty()),
        "every order has a generated number and a contact"
    );
    let mut numbers: Vec<String> = orders.iter().map(|o| text(o, "number")).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(
        numbers.len(),
        8,
        "two identical purchases on one day are two orders with two numbers"
    );
    let refund = orders
        .iter()
        .find(|o| text(o, "ordered_on") == "2026-03-01")
        .expect("the refund row is an order");
    assert_eq!(
        (refund.values["total"].clone(), text(refund, "status")),
        (Value::Real(-19.9), "refunded".to_string()),
        "a negative row is kept as written and marked refunded"
    );
    let free = orders
        .iter()
        .find(|o| text(o, "ordered_on") == "2026-02-11")
        .expect("the zero row is an order");
    assert_eq!(
        (free.values["total"].clone(), text(free, "status")),
        (Value::Real(0.0), "placed".to_string()),
        "a free order is imported as it is"
    );
    let first = orders
        .iter()
        .find(|o| text(o, "ordered_on") == "2026-01-05")
        .expect("first row");
    assert_eq!(
        first.values.get("quantity"),
        Some(&Value::Real(2.0)),
        "the quantity is the order's own"
    );
    let contacts = all(&f.store, Kind::Contact);
    let by_title = |t: &str| contacts.iter().find(|c| c.title == t);
    let c1001 = by_title("C-1001").expect("a contact titled by its customer number");
    assert_eq!(text(c1001, "customer_no"), "C-1001");
    assert!(
        by_title("ann@example.com").is_some_and(|c| text(c, "customer_no").is_empty()),
        "an email in the customer column is the contact's email"
    );
    assert!(
        contacts.iter().any(|c| text(c, "phone") == "+4930901820"),
        "a phone number in the customer column is the contact's phone (E.164): {contacts:#?}"
    );
    assert_eq!(
        orders
            .iter()
            .filter(|o| text(o, "contact_id") == c1001.id)
            .count(),
        3,
        "the same customer number links the same contact"
    );

    let again = import_file(&mut f.store, &path, Kind::Order);
    assert_eq!(
        (
            again.counts.created,
            again.counts.skipped,
            linked_contacts(&again)
        ),
        (0, 8, 0),
        "the same file again finds every order by its generated number and every contact: {:#?}",
        again.rows
    );
    assert!(
        again
            .rows
            .iter()
            .all(|r| r.matched.as_ref().is_some_and(|m| m.by == MatchBy::Number)),
        "matched by the generated number"
    );
    assert_eq!(all(&f.store, Kind::Order).len(), 8, "no order twice");
    assert_eq!(all(&f.store, Kind::Contact).len(), 5, "no contact twice");
}

const CHINESE: &str = "客户编号,客户名称,日期,数量,金额
K001,王芳,2026-01-05,2,￥120.00
K002,李娜,2026-01-06,1,￥35.50
K001,王芳,2026-01-20,1,￥60.00
K003,,2026-02-01,1,￥0.00
K002,李娜,2026-02-03,1,-￥35.50
";

#[test]
fn a_chinese_purchase_log_links_customers_by_number_then_by_name() {
    let mut f = Fixture::new();
    let li = f
        .store
        .create_record(
            Kind::Contact,
            &input(&[
                ("last_name", "李"),
                ("first_name", "娜"),
                ("email", "lina@example.cn"),
            ]),
        )
        .expect("a contact known before the log");
    let path = write(f.dir.path(), "订单.csv", CHINESE);
    let r = import_file(&mut f.store, &path, Kind::Order);
    assert_eq!(
        (r.counts.rows, r.counts.created),
        (5, 5),
        "every row an order: {:#?}",
        r.rows
    );
    assert_eq!(
        linked_contacts(&r),
        2,
        "K001 (王芳) and K003 are new; K002 is 李娜, found by name"
    );
    let li = f.store.get_record(Kind::Contact, &li.id).expect("李娜");
    assert_eq!(
        text(&li, "customer_no"),
        "K002",
        "a contact found by name without a customer number is given the log's"
    );
    let orders = all(&f.store, Kind::Order);
    assert!(
        orders.iter().all(|o| !text(o, "contact_id").is_empty()
            && text(o, "currency") == "CNY"
            && text(o, "number").starts_with("AUTO-")),
        "linked, in the currency the amounts name, numbered: {orders:#?}"
    );
    assert_eq!(
        orders
            .iter()
            .filter(|o| text(o, "contact_id") == li.id)
            .map(|o| text(o, "status"))
            .collect::<Vec<_>>()
            .len(),
        2,
        "both of K002's rows are 李娜's"
    );
    let contacts = all(&f.store, Kind::Contact);
    let wang = contacts
        .iter()
        .find(|c| text(c, "customer_no") == "K001")
        .expect("K001 created");
    assert_eq!(wang.title, "王芳", "created with the log's name");
    assert!(
        contacts
            .iter()
            .any(|c| text(c, "customer_no") == "K003" && c.title == "K003"),
        "a customer with a number alone is titled by it"
    );
    let again = import_file(&mut f.store, &path, Kind::Order);
    assert_eq!(
        (
            again.counts.created,
            again.counts.skipped,
            linked_contacts(&again)
        ),
        (0, 5, 0),
        "a re-import creates nothing: {:#?}",
        again.rows
    );
}

#[test]
fn a_contact_list_imported_after_the_log_completes_the_contacts_it_created() {
    let mut f = Fixture::new();
    let log = write(f.dir.path(), "log.csv", ENGLISH);
    import_file(&mut f.store, &log, Kind::Order);
    let list = write(
        f.dir.path(),
        "customers.csv",
        "Customer ID,Name,Email\nC-1001,Ada Stone,ada@example.com\n",
    );
    let r = import_file(&mut f.store, &list, Kind::Contact);
    assert_eq!(r.counts.updated, 1, "{:#?}", r.rows);
    assert_eq!(
        r.rows[0].matched.as_ref().map(|m| m.by),
        Some(MatchBy::CustomerNo),
        "the customer number finds the contact the log created"
    );
    let ada = all(&f.store, Kind::Contact)
        .into_iter()
        .find(|c| text(c, "customer_no") == "C-1001")
        .expect("C-1001");
    assert_eq!(
        (ada.title.as_str(), text(&ada, "email").as_str()),
        ("Ada Stone", "ada@example.com")
    );
}

#[test]
fn order_lines_without_a_product_are_the_orders_own_quantity_and_total() {
    let mut f = Fixture::new();
    let path = write(
        f.dir.path(),
        "lines.csv",
        "customer_id,order_date,qty,unit price\nC-9,2026-04-01,3,2.50\n",
    );
    let r = import_file(&mut f.store, &path, Kind::Order);
    assert_eq!(r.counts.created, 1, "{:#?}", r.rows);
    let order = &all(&f.store, Kind::Order)[0];
    assert_eq!(
        (
            order.values["total"].clone(),
            order.values["quantity"].clone()
        ),
        (Value::Real(7.5), Value::Real(3.0)),
        "the total is the unit price times the quantity"
    );
    assert!(
        all(&f.store, Kind::OrderLine).is_empty(),
        "no line without a product"
    );
    assert_eq!(
        order
            .custom
            .iter()
            .find(|c| c.0 == "unit price")
            .map(|c| c.1.clone()),
        Some("2.50".to_string()),
        "the unit price the order has no field for is kept"
    );
}

/// The CDNOW sample (customer, sample id, YYYYMMDD, quantity, amount) as the CSV a shop
/// exports.
fn cdnow_csv() -> String {
    let mut out = String::from("customer_id,order_date,quantity,amount\n");
    for line in include_str!("../data/clv/CDNOW_sample.txt").lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if let [id, _, day, quantity, amount] = f.as_slice() {
            out.push_str(&format!("{id},{day},{quantity},{amount}\n"));
        }
    }
    out
}

fn cdnow_points() -> Vec<OrderPoint> {
    include_str!("../data/clv/CDNOW_sample.txt")
        .lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            Some(OrderPoint {
                customer_id: f.first()?.to_string(),
                date: NaiveDate::parse_from_str(f.get(2)?, "%Y%m%d").ok()?,
                amount: f.get(4)?.parse().ok()?,
            })
        })
        .collect()
}

const CDNOW_END: &str = "1997-09-30";

fn run_ok(db: &Path, args: &[&str]) -> serde_json::Value {
    let run = kith(db, args);
    assert_eq!(run.code, 0, "kith {args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("one JSON document")
}

#[test]
fn cdnow_imported_with_no_options_values_customers_as_with_an_explicit_mapping() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = write(dir.path(), "cdnow.csv", &cdnow_csv());
    let plain_db = dir.path().join("plain.db");
    let mapped_db = dir.path().join("mapped.db");
    let plain = run_ok(
        &plain_db,
        &["import", "order", csv.to_str().unwrap(), "--json"],
    );
    let map = write(
        dir.path(),
        "map.json",
        r#"{"customer_id": "customer_no", "order_date": "ordered_on",
            "quantity": "quantity", "amount": "total"}"#,
    );
    let mapped = run_ok(
        &mapped_db,
        &[
            "import",
            "order",
            csv.to_str().unwrap(),
            "--mapping",
            map.to_str().unwrap(),
            "--json",
        ],
    );
    for (name, r) in [("no options", &plain), ("explicit mapping", &mapped)] {
        assert_eq!(
            (&r["counts"]["rows"], &r["counts"]["created"]),
            (&serde_json::json!(6919), &serde_json::json!(6919)),
            "{name}: every CDNOW transaction is an order"
        );
    }
    assert_eq!(
        plain["linked"], mapped["linked"],
        "the same contacts are created either way"
    );
    assert_eq!(
        plain["linked"][0]["created"], 2357,
        "one contact per CDNOW customer"
    );

    let clv_of = |db: &Path| run_ok(db, &["analyze", "clv", "--as-of", CDNOW_END, "--json"]);
    let (a, b) = (clv_of(&plain_db), clv_of(&mapped_db));
    for key in [
        "customers",
        "repeat_customers",
        "purchase_model",
        "spend_model",
        "penalizer",
        "stats",
        "notes",
    ] {
        assert_eq!(a[key], b[key], "{key}: the same data gives the same result");
    }
    let by_name = |v: &serde_json::Value| -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = v["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|c| (c["name"].to_string(), c["clv_365"].to_string()))
            .collect();
        out.sort();
        out
    };
    assert_eq!(
        by_name(&a),
        by_name(&b),
        "every customer (titled by its customer number) has the same value"
    );
    assert!(
        a["notes"]
            .as_array()
            .is_some_and(|n| n.iter().any(|n| n["text"]
                .as_str()
                .is_some_and(|text| text.contains("8 with a zero total"))
                && n["code"]["code"] == "orders_left_out"
                && n["code"]["zero_total"] == 8)),
        "the 8 free orders are left out and the report says so, in words and by its code: {}",
        a["notes"]
    );

    // And the same as the transactions read straight from the file.
    let end = NaiveDate::parse_from_str(CDNOW_END, "%Y-%m-%d").expect("date");
    let rfm = clv::summarize(&cdnow_points(), end, Period::Days).rfm();
    assert_eq!(a["customers"], rfm.len(), "customers as in the file");
    assert_eq!(
        a["repeat_customers"],
        rfm.iter().filter(|r| r.frequency > 0).count(),
        "repeat customers as in the file"
    );
    if a["penalizer"] == 0.0 {
        let direct =
            clv::fit_bgnbd(&rfm, Period::Days, &FitOptions::default()).expect("CDNOW fits");
        for (name, want) in [
            ("r", direct.r),
            ("alpha", direct.alpha),
            ("a", direct.a),
            ("b", direct.b),
        ] {
            let got = a["purchase_model"][name].as_f64().expect("a parameter");
            assert!(
                (got - want).abs() <= 1e-6 * want.abs(),
                "{name}: {got} from the import, {want} from the file"
            );
        }
    }
}

#[test]
fn orders_of_a_log_exported_and_imported_again_find_their_contacts_by_number() {
    let mut f = Fixture::new();
    let log = write(f.dir.path(), "log.csv", ENGLISH);
    import_file(&mut f.store, &log, Kind::Order);
    let out = f.dir.path().join("orders.csv");
    export::export(&f.store, Kind::Order, &out, &ExportOptions::default()).expect("export");
    // Kith's export names each order's contact by its title: for a contact known only by its
    // customer number, that number.
    let mut other = Fixture::new();
    let r = import_file(&mut other.store, &out, Kind::Order);
    assert_eq!(r.counts.created, 8, "{:#?}", r.rows);
    assert_eq!(
        linked_contacts(&r),
        5,
        "into an empty workspace: the five customers, once each"
    );
    let again = import_file(&mut f.store, &out, Kind::Order);
    assert_eq!(
        (again.counts.created, linked_contacts(&again)),
        (0, 0),
        "the export back into its own workspace finds every order and contact: {:#?}",
        again.rows
    );
}
