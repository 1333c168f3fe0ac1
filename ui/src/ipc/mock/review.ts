//! Values kept for review, as the engine answered them (recorded with the `kith` CLI's
//! `review --json` and `review reclean --default-country FR --json` after importing
//! tests/data/import/exports/google_contacts.csv and a file with a Belgian customer's French
//! mobile). The mock answers `flagged`, `record_flags` and `reclean` from these alone: before a
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
      kind: 'contact',
      record_id: '01a24ce2-be05-714f-b417-ead143a79b0f',
      title: 'Bob Smith',
      field: 'phone',
      raw: '+1 555 010 2000',
      reason: "'+1 555 010 2000' is not a valid phone number in +1; kept as written",
      batch: '01a24ce2-bb2d-7402-94b9-cbafe13e1fee',
    },
    {
      kind: 'contact',
      record_id: '01a24ce2-be08-73bf-a301-a8898cf29d47',
      title: 'Oliver Brown',
      field: 'phone',
      raw: '+44 7400 123123 ::: +44 20 7946 0958',
      reason: "'+44 7400 123123 ::: +44 20 7946 0958' is not a phone number",
      batch: '01a24ce2-bb2d-7402-94b9-cbafe13e1fee',
    },
    {
      kind: 'contact',
      record_id: '01a24ce2-be08-73bf-a301-a88dd5b1f51d',
      title: 'Dana Whitfield',
      field: 'email',
      raw: 'dana@whitfield.example ::: dana.whitfield@example.org',
      reason:
        "'dana@whitfield.example ::: dana.whitfield@example.org' holds more than one email address; the first is used",
      batch: '01a24ce2-bb2d-7402-94b9-cbafe13e1fee',
    },
    {
      kind: 'contact',
      record_id: '01a24ce2-c019-75b3-892a-ad5ec5db47c3',
      title: 'Marie Dupont',
      field: 'phone',
      raw: '06 12 34 56 78',
      reason: "'06 12 34 56 78' is not a valid phone number in BE; kept as written",
      batch: '01a24ce2-be3f-704d-993a-78b5977a74c9',
    },
  ],
  total: 4,
  records: 4,
};

/** `reclean(null, { default_country: 'FR', date_order: null })` on those. */
export const RECLEANED: RecleanReport = {
  checked: 4,
  cleaned: [
    {
      kind: 'contact',
      record_id: '01a24ce2-c019-75b3-892a-ad5ec5db47c3',
      title: 'Marie Dupont',
      field: 'phone',
      raw: '06 12 34 56 78',
      value: '+33612345678',
    },
  ],
  still: 3,
};

/** `flagged(null, 100)` after that re-clean. */
export const FLAGGED_AFTER: FlaggedPage = {
  items: [
    {
      kind: 'contact',
      record_id: '01a24ce2-be05-714f-b417-ead143a79b0f',
      title: 'Bob Smith',
      field: 'phone',
      raw: '+1 555 010 2000',
      reason: "'+1 555 010 2000' is not a valid phone number in +1; kept as written",
      batch: '01a24ce2-bb2d-7402-94b9-cbafe13e1fee',
    },
    {
      kind: 'contact',
      record_id: '01a24ce2-be08-73bf-a301-a8898cf29d47',
      title: 'Oliver Brown',
      field: 'phone',
      raw: '+44 7400 123123 ::: +44 20 7946 0958',
      reason: "'+44 7400 123123 ::: +44 20 7946 0958' is not a phone number",
      batch: '01a24ce2-bb2d-7402-94b9-cbafe13e1fee',
    },
    {
      kind: 'contact',
      record_id: '01a24ce2-be08-73bf-a301-a88dd5b1f51d',
      title: 'Dana Whitfield',
      field: 'email',
      raw: 'dana@whitfield.example ::: dana.whitfield@example.org',
      reason:
        "'dana@whitfield.example ::: dana.whitfield@example.org' holds more than one email address; the first is used",
      batch: '01a24ce2-bb2d-7402-94b9-cbafe13e1fee',
    },
  ],
  total: 3,
  records: 3,
};
