//! The schema the mock backend serves. It mirrors what the engine is expected to return
//! (every kind, in navigation order); the real one comes from `schema()` in the engine.
import type { FieldSchema } from '../bindings/FieldSchema';
import type { FieldType } from '../bindings/FieldType';
import type { Kind } from '../bindings/Kind';
import type { KindSchema } from '../bindings/KindSchema';

type FieldOptions = {
  required?: boolean;
  choices?: string[];
  ref?: Kind;
  list?: boolean;
};

function f(name: string, label: string, ty: FieldType, options: FieldOptions = {}): FieldSchema {
  return {
    name,
    label,
    ty,
    required: options.required ?? false,
    choices: options.choices ?? [],
    ref_kind: options.ref ?? null,
    in_list: options.list ?? false,
  };
}

const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY'];

export function mockSchema(): KindSchema[] {
  return [
    {
      kind: 'contact',
      label: 'Contact',
      plural: 'Contacts',
      fields: [
        f('name', 'Name', 'text', { required: true, list: true }),
        f('email', 'Email', 'email', { list: true }),
        f('phone', 'Phone', 'phone', { list: true }),
        f('company', 'Company', 'ref', { ref: 'company', list: true }),
        f('job_title', 'Job title', 'text', { list: true }),
        f('city', 'City', 'text', { list: true }),
        f('birthday', 'Birthday', 'date'),
        f('source', 'Source', 'choice', {
          choices: ['Referral', 'Website', 'Trade show', 'Import', 'Other'],
        }),
        f('vip', 'VIP', 'bool'),
        f('notes', 'Notes', 'long_text'),
      ],
    },
    {
      kind: 'company',
      label: 'Company',
      plural: 'Companies',
      fields: [
        f('name', 'Name', 'text', { required: true, list: true }),
        f('industry', 'Industry', 'choice', {
          list: true,
          choices: ['Retail', 'Manufacturing', 'Food & beverage', 'Software', 'Services'],
        }),
        f('website', 'Website', 'url', { list: true }),
        f('phone', 'Phone', 'phone'),
        f('city', 'City', 'text', { list: true }),
        f('country', 'Country', 'text', { list: true }),
        f('employees', 'Employees', 'integer'),
        f('annual_revenue', 'Annual revenue', 'money'),
        f('currency', 'Currency', 'choice', { choices: CURRENCIES }),
        f('notes', 'Notes', 'long_text'),
      ],
    },
    {
      kind: 'relationship',
      label: 'Relationship',
      plural: 'Relationships',
      fields: [
        f('from_contact', 'Contact', 'ref', { required: true, ref: 'contact', list: true }),
        f('type', 'Type', 'choice', {
          required: true,
          list: true,
          choices: ['Colleague', 'Manager', 'Employee', 'Friend', 'Spouse', 'Advisor'],
        }),
        f('to_contact', 'Related contact', 'ref', { ref: 'contact', list: true }),
        f('to_company', 'Related company', 'ref', { ref: 'company', list: true }),
        f('start_date', 'Since', 'date', { list: true }),
        f('end_date', 'Until', 'date'),
      ],
    },
    {
      kind: 'deal',
      label: 'Deal',
      plural: 'Deals',
      fields: [
        f('name', 'Name', 'text', { required: true, list: true }),
        f('company', 'Company', 'ref', { ref: 'company', list: true }),
        f('contact', 'Contact', 'ref', { ref: 'contact' }),
        f('stage', 'Stage', 'choice', {
          required: true,
          list: true,
          choices: ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'],
        }),
        f('value', 'Value', 'money', { list: true }),
        f('currency', 'Currency', 'choice', { choices: CURRENCIES }),
        f('expected_close', 'Expected close', 'date', { list: true }),
        f('notes', 'Notes', 'long_text'),
      ],
    },
    {
      kind: 'activity',
      label: 'Activity',
      plural: 'Activities',
      fields: [
        f('subject', 'Subject', 'text', { required: true, list: true }),
        f('type', 'Type', 'choice', {
          required: true,
          list: true,
          choices: ['call', 'meeting', 'email', 'note', 'task'],
        }),
        f('contact', 'Contact', 'ref', { ref: 'contact', list: true }),
        f('company', 'Company', 'ref', { ref: 'company' }),
        f('deal', 'Deal', 'ref', { ref: 'deal' }),
        f('due', 'Due', 'datetime', { list: true }),
        f('done', 'Done', 'bool', { list: true }),
        f('body', 'Details', 'long_text'),
      ],
    },
    {
      kind: 'product',
      label: 'Product',
      plural: 'Products',
      fields: [
        f('name', 'Name', 'text', { required: true, list: true }),
        f('sku', 'SKU', 'text', { list: true }),
        f('price', 'Price', 'money', { list: true }),
        f('currency', 'Currency', 'choice', { choices: CURRENCIES }),
        f('active', 'Active', 'bool', { list: true }),
        f('description', 'Description', 'long_text'),
      ],
    },
    {
      kind: 'order',
      label: 'Order',
      plural: 'Orders',
      fields: [
        f('number', 'Number', 'text', { required: true, list: true }),
        f('contact', 'Customer', 'ref', { ref: 'contact', list: true }),
        f('company', 'Company', 'ref', { ref: 'company' }),
        f('ordered_on', 'Ordered on', 'date', { required: true, list: true }),
        f('status', 'Status', 'choice', {
          list: true,
          choices: ['Draft', 'Confirmed', 'Shipped', 'Paid', 'Cancelled'],
        }),
        f('total', 'Total', 'money', { list: true }),
        f('currency', 'Currency', 'choice', { choices: CURRENCIES }),
      ],
    },
    {
      kind: 'order_line',
      label: 'Order line',
      plural: 'Order lines',
      fields: [
        f('order', 'Order', 'ref', { required: true, ref: 'order', list: true }),
        f('product', 'Product', 'ref', { required: true, ref: 'product', list: true }),
        f('quantity', 'Quantity', 'integer', { required: true, list: true }),
        f('unit_price', 'Unit price', 'money', { list: true }),
        f('currency', 'Currency', 'choice', { choices: CURRENCIES }),
      ],
    },
    {
      kind: 'ticket',
      label: 'Ticket',
      plural: 'Tickets',
      fields: [
        f('subject', 'Subject', 'text', { required: true, list: true }),
        f('contact', 'Contact', 'ref', { ref: 'contact', list: true }),
        f('status', 'Status', 'choice', {
          required: true,
          list: true,
          choices: ['open', 'pending', 'resolved', 'closed'],
        }),
        f('priority', 'Priority', 'choice', {
          list: true,
          choices: ['low', 'normal', 'high', 'urgent'],
        }),
        f('category', 'Category', 'choice', {
          list: true,
          choices: ['Billing', 'Delivery', 'Product quality', 'Account', 'Other'],
        }),
        f('opened_at', 'Opened', 'datetime', { list: true }),
        f('description', 'Description', 'long_text'),
      ],
    },
    {
      kind: 'campaign',
      label: 'Campaign',
      plural: 'Campaigns',
      fields: [
        f('name', 'Name', 'text', { required: true, list: true }),
        f('channel', 'Channel', 'choice', {
          list: true,
          choices: ['email', 'event', 'social', 'print', 'phone'],
        }),
        f('status', 'Status', 'choice', {
          list: true,
          choices: ['planned', 'running', 'finished'],
        }),
        f('start_date', 'Starts', 'date', { list: true }),
        f('end_date', 'Ends', 'date'),
        f('budget', 'Budget', 'money', { list: true }),
        f('currency', 'Currency', 'choice', { choices: CURRENCIES }),
      ],
    },
    {
      kind: 'campaign_member',
      label: 'Campaign member',
      plural: 'Campaign members',
      fields: [
        f('campaign', 'Campaign', 'ref', { required: true, ref: 'campaign', list: true }),
        f('contact', 'Contact', 'ref', { required: true, ref: 'contact', list: true }),
        f('status', 'Status', 'choice', {
          list: true,
          choices: ['invited', 'opened', 'responded', 'converted'],
        }),
        f('responded_on', 'Responded on', 'date', { list: true }),
      ],
    },
    {
      kind: 'feedback',
      label: 'Feedback',
      plural: 'Feedback',
      fields: [
        f('contact', 'Contact', 'ref', { ref: 'contact', list: true }),
        f('received_on', 'Received on', 'date', { required: true, list: true }),
        f('rating', 'Rating (1–5)', 'integer', { list: true }),
        f('nps', 'NPS (0–10)', 'integer', { list: true }),
        f('text', 'Comment', 'long_text', { list: true }),
      ],
    },
  ];
}
