//! English messages of the user's data: record detail, import wizard and history, duplicates and merge, values to review, backups, export, shared dialogs and toasts. Keys as in `../en.ts`; the Chinese is in `data.zh.ts`.
export const dataEn = {} as const;
