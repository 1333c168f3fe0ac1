//! What a contact's or company's page shows beside its own fields: the people and companies
//! it is related to (each relationship from either end, with its type and dates), and its
//! deals, orders, tickets, tasks, feedback and campaign memberships (a company's also its
//! people), each group newest first with its total, read through the lists' own filters.

use std::collections::BTreeMap;

use super::Store;
use crate::error::Result;
use crate::model::{Kind, ListQuery, Related, RelatedGroup, RelatedLink};

/// The most records a group shows; its total says how many there are.
const GROUP_ROWS: u64 = 20;

/// The most relationships a page lists from each end.
const LINK_ROWS: u64 = 500;

/// A group of related records: its key, the kind, one more filter, and the field it is
/// ordered by (newest first, except people by last name).
struct Group {
    key: &'static str,
    kind: Kind,
    only: Option<(&'static str, &'static str)>,
    sort: &'static str,
    desc: bool,
}

const GROUPS: &[Group] = &[
    Group {
        key: "people",
        kind: Kind::Contact,
        only: None,
        sort: "last_name",
        desc: false,
    },
    Group {
        key: "deals",
        kind: Kind::Deal,
        only: None,
        sort: "expected_close",
        desc: true,
    },
    Group {
        key: "orders",
        kind: Kind::Order,
        only: None,
        sort: "ordered_on",
        desc: true,
    },
    Group {
        key: "tickets",
        kind: Kind::Ticket,
        only: None,
        sort: "opened_at",
        desc: true,
    },
    Group {
        key: "tasks",
        kind: Kind::Activity,
        only: Some(("kind", "task")),
        sort: "due_on",
        desc: true,
    },
    Group {
        key: "feedback",
        kind: Kind::Feedback,
        only: None,
        sort: "received_at",
        desc: true,
    },
    Group {
        key: "campaigns",
        kind: Kind::CampaignMember,
        only: None,
        sort: "responded_at",
        desc: true,
    },
];

impl Store {
    /// The records related to the contact or company `id`: its relationships from either end,
    /// then each group of records that point at it (groups with none are left out).
    pub fn related(&self, kind: Kind, id: &str) -> Result<Related> {
        let column = super::history::pointing_column(kind, "related records")?;
        self.get_record(kind, id)?;
        let mut links = Vec::new();
        // From this end: a contact's own relationships point at another contact or a company.
        // A company is only ever at the far end.
        if kind == Kind::Contact {
            for record in self.pointing_at(Kind::Relationship, "contact_id", id)? {
                let (other_kind, field) = if record.text("other_contact_id").is_some() {
                    (Kind::Contact, "other_contact_id")
                } else {
                    (Kind::Company, "company_id")
                };
                links.push(RelatedLink::new(record, other_kind, field, false));
            }
        }
        let far_end = if kind == Kind::Contact {
            "other_contact_id"
        } else {
            "company_id"
        };
        for record in self.pointing_at(Kind::Relationship, far_end, id)? {
            links.push(RelatedLink::new(record, Kind::Contact, "contact_id", true));
        }
        let mut groups = Vec::new();
        for group in GROUPS {
            let def = group.kind.def();
            if def.field(column).is_none() {
                continue;
            }
            let mut filters = BTreeMap::from([(column.to_string(), id.to_string())]);
            if let Some((field, value)) = group.only {
                filters.insert(field.to_string(), value.to_string());
            }
            let page = self.list_records(
                group.kind,
                &ListQuery {
                    sort: Some(group.sort.to_string()),
                    desc: group.desc,
                    limit: GROUP_ROWS,
                    filters: filters.clone(),
                    ..ListQuery::default()
                },
            )?;
            if page.total > 0 {
                groups.push(RelatedGroup {
                    key: group.key.to_string(),
                    kind: group.kind,
                    total: page.total,
                    filters,
                    rows: page.rows,
                });
            }
        }
        Ok(Related { links, groups })
    }

    /// The live records of `kind` whose `field` holds `id`, oldest start first.
    fn pointing_at(
        &self,
        kind: Kind,
        field: &str,
        id: &str,
    ) -> Result<Vec<crate::model::EntityRecord>> {
        let query = ListQuery {
            limit: LINK_ROWS,
            filters: BTreeMap::from([(field.to_string(), id.to_string())]),
            ..ListQuery::default()
        };
        Ok(self.list_records(kind, &query)?.rows)
    }
}
