//! Today's notes in Chinese (`TodayNote`, src/today.rs).
import type { TodayNote } from '../../../ipc/bindings/TodayNote';
import type { ZhCatalog } from '../said';

export const ZH_TODAY_NOTES: ZhCatalog<TodayNote> = {
  no_purchase_model: () => '流失中的客户需要用客户终身价值模型来发现：有了复购后请重新计算分析。',
};
