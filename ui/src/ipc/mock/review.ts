//! Values kept for review, as the engine answered them (recorded with the `kith` CLI's
//! `review --json` and `review reclean --default-country FR --json` after importing
//! tests/data/import/exports/google_contacts.csv and a file with a Belgian customer's French
//! mobile). The mock answers `flagged`, `review_record` and `reclean` from these alone: before a
//! re-clean the first page, after one the second. No cleaning happens here.
//! `review-import.json` is the engine's report of that Google Contacts import (`import
//! --json`), for the components that show an import's result.
import type { FlaggedPage } from '../bindings/FlaggedPage';
import type { ImportReport } from '../bindings/ImportReport';
import type { RecleanReport } from '../bindings/RecleanReport';
import recordedImport from './review-import.json';

/** The report of importing google_contacts.csv: 14 rows, 3 with values to review, 4 notes. */
export const IMPORT_WITH_REVIEW = recordedImport as ImportReport;

/** `flagged(null, 100)` after both imports. */
export const FLAGGED_BEFORE: FlaggedPage = {
  items: [
    {
      batch: '01a24d09-90be-74ab-9a7f-ee1b25cd04fa',
      column: 'Phone 1 - Value',
      field: 'phone',
      kind: 'contact',
      raw: '+1 555 010 2000',
      reason: "'+1 555 010 2000' is not a valid phone number in +1; kept as written",
      record_id: '01a24d09-939a-7360-84e4-c6242c926951',
      title: 'Bob Smith',
    },
    {
      batch: '01a24d09-90be-74ab-9a7f-ee1b25cd04fa',
      column: 'Phone 1 - Value',
      field: 'phone',
      kind: 'contact',
      raw: '+44 7400 123123 ::: +44 20 7946 0958',
      reason:
        "'+44 7400 123123 ::: +44 20 7946 0958' holds more than one phone number; the first is used",
      record_id: '01a24d09-939c-7151-a1b1-3a8ebe54d0ed',
      title: 'Oliver Brown',
    },
    {
      batch: '01a24d09-90be-74ab-9a7f-ee1b25cd04fa',
      column: 'E-mail 1 - Value',
      field: 'email',
      kind: 'contact',
      raw: 'dana@whitfield.example ::: dana.whitfield@example.org',
      reason:
        "'dana@whitfield.example ::: dana.whitfield@example.org' holds more than one email address; the first is used",
      record_id: '01a24d09-939c-7151-a1b1-3a9214618235',
      title: 'Dana Whitfield',
    },
    {
      batch: '01a24d09-93c4-766f-85fa-dd76f405eb6f',
      column: 'Phone',
      field: 'phone',
      kind: 'contact',
      raw: '06 12 34 56 78',
      reason: "'06 12 34 56 78' is not a valid phone number in BE; kept as written",
      record_id: '01a24d09-959a-73a4-9336-38c2f398d8bd',
      title: 'Marie Dupont',
    },
  ],
  records: 4,
  total: 4,
};

/** `reclean(null, { default_country: 'FR', date_order: null })` on those. */
export const RECLEANED: RecleanReport = {
  checked: 4,
  cleaned: [
    {
      field: 'phone',
      kind: 'contact',
      raw: '06 12 34 56 78',
      record_id: '01a24d09-959a-73a4-9336-38c2f398d8bd',
      title: 'Marie Dupont',
      value: '+33612345678',
    },
  ],
  still: 3,
};

/** `flagged(null, 100)` after that re-clean. */
export const FLAGGED_AFTER: FlaggedPage = {
  items: [
    {
      batch: '01a24d09-90be-74ab-9a7f-ee1b25cd04fa',
      column: 'Phone 1 - Value',
      field: 'phone',
      kind: 'contact',
      raw: '+1 555 010 2000',
      reason: "'+1 555 010 2000' is not a valid phone number in +1; kept as written",
      record_id: '01a24d09-939a-7360-84e4-c6242c926951',
      title: 'Bob Smith',
    },
    {
      batch: '01a24d09-90be-74ab-9a7f-ee1b25cd04fa',
      column: 'Phone 1 - Value',
      field: 'phone',
      kind: 'contact',
      raw: '+44 7400 123123 ::: +44 20 7946 0958',
      reason:
        "'+44 7400 123123 ::: +44 20 7946 0958' holds more than one phone number; the first is used",
      record_id: '01a24d09-939c-7151-a1b1-3a8ebe54d0ed',
      title: 'Oliver Brown',
    },
    {
      batch: '01a24d09-90be-74ab-9a7f-ee1b25cd04fa',
      column: 'E-mail 1 - Value',
      field: 'email',
      kind: 'contact',
      raw: 'dana@whitfield.example ::: dana.whitfield@example.org',
      reason:
        "'dana@whitfield.example ::: dana.whitfield@example.org' holds more than one email address; the first is used",
      record_id: '01a24d09-939c-7151-a1b1-3a9214618235',
      title: 'Dana Whitfield',
    },
  ],
  records: 3,
  total: 3,
};
