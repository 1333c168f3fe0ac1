//! English messages of the day's work: Dashboard and analytics panels, Today, the deal board and stages, the ticket queue, campaigns. Keys as in `../en.ts`; the Chinese is in `work.zh.ts`.
export const workEn = {} as const;
