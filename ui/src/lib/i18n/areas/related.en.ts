//! English messages of related records on a contact's or company's page. Keys as in
//! `../en.ts`; the Chinese is in `related.zh.ts`.
export const relatedEn = {
  'related.title': 'Related',
  'related.loading': 'Loading related records…',
  'related.failed': 'Could not load the related records: {error}',
  'related.none':
    'Nothing is related to this {kind} yet. Relationships, deals, orders, tickets, tasks, feedback and campaigns that name it appear here.',
  'related.relationships': 'Relationships',
  'related.theirSide': 'recorded on their side',
  'related.since': 'since {date}',
  'related.until': 'until {date}',
  'related.between': '{from} – {to}',
  'related.people': 'People',
  'related.deals': 'Deals',
  'related.orders': 'Orders',
  'related.tickets': 'Tickets',
  'related.tasks': 'Tasks',
  'related.feedback': 'Feedback',
  'related.campaigns': 'Campaigns',
  'related.showAll.one': 'Show it in its list',
  'related.showAll.other': 'Show all {count}',
  'related.addRelationship': 'Add relationship',
} as const;
