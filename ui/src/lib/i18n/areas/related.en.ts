//! English messages of related records on a contact's or company's page. Keys as in `../en.ts`; the Chinese is in `related.zh.ts`.
export const relatedEn = {} as const;
