//! English messages of the keyboard: the command palette, the shortcut help overlay, themes. Keys as in `../en.ts`; the Chinese is in `keys.zh.ts`.
export const keysEn = {} as const;
