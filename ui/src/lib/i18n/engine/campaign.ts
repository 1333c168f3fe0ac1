//! A campaign's notes in Chinese (`CampaignNote`, src/campaigns.rs).
import type { CampaignNote } from '../../../ipc/bindings/CampaignNote';
import { type ZhCatalog, zhNumber } from '../said';

export const ZH_CAMPAIGN_NOTES: ZhCatalog<CampaignNote> = {
  other_currency: ({ count, currency }) =>
    `有 ${zhNumber(count)} 个归因的订单或商机使用${
      currency === null ? '与本活动不同的货币' : `${currency} 以外的货币`
    }，未计入收入（金额不做换算）。`,
  no_start_date: () => '没有开始日期：只计入指定给此活动的订单和商机，不计入成员的首次购买。',
  no_budget: () => '没有预算：单次转化成本和投资回报率需要预算才能计算。',
};
