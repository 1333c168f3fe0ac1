//! The rows a campaign's report and member list are made of: its members, the live campaigns'
//! windows, the memberships and purchases of its members, the orders and won deals chosen for
//! it, and the contacts a segment or a tag names; and the one write that adds members. Reads
//! and that write only: the `campaigns` module (above the store) decides what they mean.

use std::collections::HashSet;

use rusqlite::params;

use super::analytics::{MetricColumn, PURCHASE_SQL, day_of};
use super::records::Reads;
use super::{Store, Writer};
use crate::error::Result;
use crate::model::{Input, Kind};

/// A live member of a campaign whose contact is live.
#[derive(Debug, Clone)]
pub struct MemberRow {
    /// The membership (a `campaign_member` record).
    pub id: String,
    /// The contact.
    pub contact_id: String,
    /// The contact's name as the list shows it (first and last name, else the email).
    pub name: String,
    /// The contact's email, if any.
    pub email: Option<String>,
    /// How far they got (`invited` … `unsubscribed`), if set.
    pub status: Option<String>,
    /// When they responded (RFC 3339), if recorded.
    pub responded_at: Option<String>,
    /// What they answered, if recorded.
    pub response: Option<String>,
}

/// A live campaign's window, as stored.
#[derive(Debug, Clone)]
pub struct CampaignWindow {
    /// The campaign.
    pub id: String,
    /// Its first day, if set (and readable).
    pub starts_on: Option<chrono::NaiveDate>,
    /// Its last day, if set (and readable).
    pub ends_on: Option<chrono::NaiveDate>,
}

/// A live order of a standing sale (placed, paid, shipped, delivered or without status).
#[derive(Debug, Clone)]
pub struct SaleRow {
    /// The order.
    pub id: String,
    /// Its customer, if set.
    pub contact_id: Option<String>,
    /// The day it was ordered (rows without a readable day are not read).
    pub ordered_on: chrono::NaiveDate,
    /// Its total in hundredths, if set.
    pub total: Option<i64>,
    /// Its currency, if set.
    pub currency: Option<String>,
    /// The campaign chosen for it, if any.
    pub campaign_id: Option<String>,
}

/// A live won deal chosen for a campaign.
#[derive(Debug, Clone)]
pub struct WonDealRow {
    /// The deal.
    pub id: String,
    /// Its contact, if set.
    pub contact_id: Option<String>,
    /// Its value in hundredths, if set.
    pub value: Option<i64>,
    /// Its currency, if set.
    pub currency: Option<String>,
}

/// A member as a mail tool needs them.
#[derive(Debug, Clone)]
pub struct MailRow {
    /// The contact's email, if any.
    pub email: Option<String>,
    /// First name, if set.
    pub first_name: Option<String>,
    /// Last name, if set.
    pub last_name: Option<String>,
    /// Their company's name, if linked.
    pub company: Option<String>,
    /// Their status in the campaign, if set.
    pub status: Option<String>,
}

const SALE_COLUMNS: &str = "id, contact_id, ordered_on, total, currency, campaign_id";

fn sale_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<SaleRow>> {
    let Some(ordered_on) = day_of(r.get(2)?) else {
        return Ok(None);
    };
    Ok(Some(SaleRow {
        id: r.get(0)?,
        contact_id: r.get(1)?,
        ordered_on,
        total: r.get(3)?,
        currency: r.get(4)?,
        campaign_id: r.get(5)?,
    }))
}

impl Store {
    /// The live members of a campaign whose contacts are live, in the order the campaign
    /// page lists them: responses first (latest first), then by name.
    pub fn campaign_member_rows(&self, campaign_id: &str) -> Result<Vec<MemberRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.contact_id,
                    coalesce(nullif(trim(coalesce(c.first_name, '') || ' ' ||
                                         coalesce(c.last_name, '')), ''), c.email, ''),
                    c.email, m.status, m.responded_at, m.response
             FROM campaign_member m JOIN contact c ON c.id = m.contact_id
             WHERE m.campaign_id = ?1 AND m.deleted_at IS NULL AND c.deleted_at IS NULL
             ORDER BY m.responded_at IS NULL, m.responded_at DESC,
                      c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, m.id",
        )?;
        let rows = stmt
            .query_map(params![campaign_id], |r| {
                Ok(MemberRow {
                    id: r.get(0)?,
                    contact_id: r.get(1)?,
                    name: r.get(2)?,
                    email: r.get(3)?,
                    status: r.get(4)?,
                    responded_at: r.get(5)?,
                    response: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every live campaign's window.
    pub fn campaign_windows(&self) -> Result<Vec<CampaignWindow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, starts_on, ends_on FROM campaign WHERE deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(CampaignWindow {
                    id: r.get(0)?,
                    starts_on: day_of(r.get(1)?),
                    ends_on: day_of(r.get(2)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The live campaigns each of these contacts is a live member of, as (contact, campaign).
    pub fn memberships_of(&self, contact_ids: &[&str]) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.campaign_id FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id
             WHERE m.contact_id = ?1 AND m.deleted_at IS NULL AND c.deleted_at IS NULL",
        )?;
        let mut out = Vec::new();
        for id in contact_ids {
            for campaign in stmt.query_map(params![id], |r| r.get::<_, String>(0))? {
                out.push(((*id).to_string(), campaign?));
            }
        }
        Ok(out)
    }

    /// The sales (live orders of a standing sale) of these contacts.
    pub fn sales_of(&self, contact_ids: &[&str]) -> Result<Vec<SaleRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SALE_COLUMNS} FROM orders
             WHERE contact_id = ?1 AND deleted_at IS NULL AND {PURCHASE_SQL}"
        ))?;
        let mut out = Vec::new();
        for id in contact_ids {
            for row in stmt.query_map(params![id], sale_row)? {
                out.extend(row?);
            }
        }
        Ok(out)
    }

    /// The sales chosen for a campaign (their `campaign_id` names it).
    pub fn campaign_sales(&self, campaign_id: &str) -> Result<Vec<SaleRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SALE_COLUMNS} FROM orders
             WHERE campaign_id = ?1 AND deleted_at IS NULL AND {PURCHASE_SQL}"
        ))?;
        let mut out = Vec::new();
        for row in stmt.query_map(params![campaign_id], sale_row)? {
            out.extend(row?);
        }
        Ok(out)
    }

    /// The live won deals chosen for a campaign.
    pub fn campaign_won_deals(&self, campaign_id: &str) -> Result<Vec<WonDealRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, contact_id, value, currency FROM deal
             WHERE campaign_id = ?1 AND deleted_at IS NULL AND stage = 'won'",
        )?;
        let rows = stmt
            .query_map(params![campaign_id], |r| {
                Ok(WonDealRow {
                    id: r.get(0)?,
                    contact_id: r.get(1)?,
                    value: r.get(2)?,
                    currency: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The live contacts the last analysis put in a stored segment (`rfm_segment` or
    /// `cluster` = `value`).
    pub fn segment_contacts(&self, column: MetricColumn, value: &str) -> Result<Vec<String>> {
        let sql = match column {
            MetricColumn::RfmSegment => {
                "SELECT m.contact_id FROM customer_metric m JOIN contact c ON c.id = m.contact_id
                 WHERE c.deleted_at IS NULL AND m.rfm_segment = ?1 ORDER BY m.contact_id"
            }
            MetricColumn::Cluster => {
                "SELECT m.contact_id FROM customer_metric m JOIN contact c ON c.id = m.contact_id
                 WHERE c.deleted_at IS NULL AND m.cluster = ?1 ORDER BY m.contact_id"
            }
        };
        let ids = self
            .conn
            .prepare_cached(sql)?
            .query_map(params![value], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// The live contacts carrying a tag (its name matched ignoring ASCII case).
    pub fn tagged_contacts(&self, tag: &str) -> Result<Vec<String>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT c.id FROM tag t
                 JOIN tagging g ON g.tag_id = t.id AND g.deleted_at IS NULL
                 JOIN contact c ON c.id = g.entity_id AND c.deleted_at IS NULL
                 WHERE t.name = ?1 COLLATE NOCASE AND t.deleted_at IS NULL
                   AND g.entity_kind = 'contact'
                 ORDER BY c.id",
            )?
            .query_map(params![tag], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Every live tag on live contacts, with how many contacts carry it, by name.
    pub fn contact_tags(&self) -> Result<Vec<(String, u64)>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT t.name, count(*) FROM tag t
                 JOIN tagging g ON g.tag_id = t.id AND g.deleted_at IS NULL
                 JOIN contact c ON c.id = g.entity_id AND c.deleted_at IS NULL
                 WHERE t.deleted_at IS NULL AND g.entity_kind = 'contact'
                 GROUP BY t.id ORDER BY t.name COLLATE NOCASE",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The contacts of a campaign's live members (live or not).
    pub fn campaign_member_contacts(&self, campaign_id: &str) -> Result<HashSet<String>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT contact_id FROM campaign_member
                 WHERE campaign_id = ?1 AND deleted_at IS NULL",
            )?
            .query_map(params![campaign_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// A campaign's live members with live contacts, as a mail tool needs them, by name.
    pub fn campaign_mail_rows(&self, campaign_id: &str) -> Result<Vec<MailRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.email, c.first_name, c.last_name, co.name, m.status
             FROM campaign_member m JOIN contact c ON c.id = m.contact_id
             LEFT JOIN company co ON co.id = c.company_id AND co.deleted_at IS NULL
             WHERE m.campaign_id = ?1 AND m.deleted_at IS NULL AND c.deleted_at IS NULL
             ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.email, m.id",
        )?;
        let rows = stmt
            .query_map(params![campaign_id], |r| {
                Ok(MailRow {
                    email: r.get(0)?,
                    first_name: r.get(1)?,
                    last_name: r.get(2)?,
                    company: r.get(3)?,
                    status: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Writer<'_> {
    /// Adds each of `contacts` to a live campaign as an `invited` member, in this write;
    /// a contact already a live member (or named twice) is skipped. Returns (added, skipped).
    pub fn add_campaign_members(
        &mut self,
        campaign_id: &str,
        contacts: &[String],
    ) -> Result<(u64, u64)> {
        self.check_live(Kind::Campaign, campaign_id)?;
        let mut seen: HashSet<String> = self
            .tx
            .prepare_cached(
                "SELECT contact_id FROM campaign_member
                 WHERE campaign_id = ?1 AND deleted_at IS NULL",
            )?
            .query_map(params![campaign_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let (mut added, mut skipped) = (0, 0);
        for contact in contacts {
            if !seen.insert(contact.clone()) {
                skipped += 1;
                continue;
            }
            let input: Input = [
                ("campaign_id".to_string(), campaign_id.to_string()),
                ("contact_id".to_string(), contact.clone()),
                ("status".to_string(), "invited".to_string()),
            ]
            .into_iter()
            .collect();
            self.create(Kind::CampaignMember, &input)?;
            added += 1;
        }
        Ok((added, skipped))
    }
}
