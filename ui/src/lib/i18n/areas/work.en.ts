//! English messages of the day's work: Dashboard and analytics panels, Today, the deal board and stages, the ticket queue, campaigns. Keys as in `../en.ts`; the Chinese is in `work.zh.ts`.
export const workEn = {
  // The dashboard's headline figures
  'dashboard.kpi.customers': 'Customers',
  'dashboard.kpi.customersDetail': 'contacts with a purchase',
  'dashboard.kpi.active': 'Active customers',
  'dashboard.kpi.activeDetail': 'bought in the last 365 days',
  'dashboard.kpi.revenue': 'Revenue this month',
  'dashboard.kpi.revenueDetail': 'last month {amount}',
  'dashboard.kpi.pipeline': 'Open pipeline',
  'dashboard.kpi.pipelineDetail': 'weighted forecast {amount}',
  'dashboard.kpi.csat': 'CSAT',
  'dashboard.kpi.outOfFive': '{value} / 5',
  'dashboard.kpi.csatNone': 'no ratings yet',
  'dashboard.kpi.csatDetail': 'average rating, all time',
  'dashboard.kpi.nps': 'NPS',
  'dashboard.kpi.npsNone': 'no 0–10 scores yet',
  'dashboard.kpi.npsDetail': 'promoters − detractors, all time',

  // How the lead scores were made
  'analytics.method.ruleBased': 'Rule-based',
  'analytics.method.learned': 'Learned from your deals',
  'analytics.method.learnedDetail':
    'Logistic regression on {closed} closed deals ({won} won, {lost} lost); it ranks them with an AUC of {auc} (measured on the deals it learned from, so optimistic).',
  'analytics.fallback.noClosed':
    'no closed deals yet; the learned score needs at least {need} closed deals with at least {k} won and {k} lost',
  'analytics.fallback.tooFewClosed':
    'only {closed} closed deals; the learned score needs {need} with at least {k} won and {k} lost',
  'analytics.fallback.noLost':
    'all {won} closed deals were won and none lost; the learned score needs at least {k} lost deals to learn what loses a deal',
  'analytics.fallback.noWon':
    'all {lost} closed deals were lost and none won; the learned score needs at least {k} won deals to learn what wins a deal',
  'analytics.fallback.tooFewOfOne':
    'only {won} won and {lost} lost of {closed} closed deals; the learned score needs at least {k} won and {k} lost',
  'analytics.fallback.noVariation':
    'the closed deals all look the same (no feature varies), so there is nothing to learn from them',
  'analytics.fallback.fitFailed': 'the learned model could not be fitted ({detail})',

  // The R×F segments, by the engine's key (English shows the engine's own words)
  'analytics.segment.champions': 'Champions',
  'analytics.segment.champions.about':
    'Bought recently and often: reward them and ask for referrals.',
  'analytics.segment.loyal': 'Loyal',
  'analytics.segment.loyal.about': 'Buy often and fairly recently: keep them close, offer more.',
  'analytics.segment.potential_loyalists': 'Potential Loyalists',
  'analytics.segment.potential_loyalists.about':
    'Recent customers with a few orders: a nudge can make them loyal.',
  'analytics.segment.new_customers': 'New Customers',
  'analytics.segment.new_customers.about':
    'First order very recently: welcome them and help them start.',
  'analytics.segment.promising': 'Promising',
  'analytics.segment.promising.about': 'Recent single order: build the relationship early.',
  'analytics.segment.need_attention': 'Need Attention',
  'analytics.segment.need_attention.about':
    'Middling on recency and frequency: re-engage before they slip.',
  'analytics.segment.about_to_sleep': 'About to Sleep',
  'analytics.segment.about_to_sleep.about': 'Few orders, not lately: reach out before they lapse.',
  'analytics.segment.at_risk': 'At Risk',
  'analytics.segment.at_risk.about': 'Bought regularly, but not for a while: win them back.',
  'analytics.segment.cant_lose': "Can't Lose",
  'analytics.segment.cant_lose.about':
    'Used to be among the most frequent, now gone quiet: call them.',
  'analytics.segment.hibernating': 'Hibernating',
  'analytics.segment.hibernating.about':
    'Few orders, long ago: low priority, try a reactivation offer.',

  // A recompute's steps, by the engine's key
  'analytics.step.rfm': 'RFM scores',
  'analytics.step.segments': 'Customer segments',
  'analytics.step.value': 'Lifetime value',
  'analytics.step.scores': 'Lead scores',

  // The rule-based score's rules, by the engine's rule id
  'analytics.rule.recent_meeting': 'meeting in the last 14 days',
  'analytics.rule.recent_call': 'call in the last 14 days',
  'analytics.rule.recent_email': 'email in the last 14 days',
  'analytics.rule.no_activity_30d': 'no activity for 30 days',
  'analytics.rule.email_given': 'email given',
  'analytics.rule.phone_given': 'phone given',
  'analytics.rule.job_title_given': 'job title given',
  'analytics.rule.value_above_median': 'deal value above the median',
  'analytics.rule.repeat_customer': 'company has won deals before',
  'analytics.rule.referral': 'came by referral',
  'analytics.rule.stage_proposal': 'at proposal stage',
  'analytics.rule.stage_negotiation': 'at negotiation stage',
  'analytics.rule.old_deal': 'open for 180 days or more',

  // The learned score's factors, by the engine's factor group
  'analytics.factor.value': 'value {value}',
  'analytics.factor.noValue': 'no value given',
  'analytics.factor.stage': 'stage: {stage}',
  'analytics.factor.stageUnknown': 'stage unknown',
  'analytics.factor.source': 'source: {source}',
  'analytics.factor.noSource': 'no source given',
  'analytics.factor.age': 'created {days} days ago',
  'analytics.factor.activityToday': 'activity today',
  'analytics.factor.inactive': 'no activity for {days} days',
  'analytics.factor.lastActivity': 'last activity {days} days ago',
  'analytics.factor.meetings14d': '{count} meetings in 14 days',
  'analytics.factor.calls14d': '{count} calls in 14 days',
  'analytics.factor.emails14d': '{count} emails in 14 days',
  'analytics.factor.meetings30d': '{count} meetings 15–30 days ago',
  'analytics.factor.calls30d': '{count} calls 15–30 days ago',
  'analytics.factor.emails30d': '{count} emails 15–30 days ago',
  'analytics.factor.emailGiven': 'email given',
  'analytics.factor.noEmail': 'no email',
  'analytics.factor.phoneGiven': 'phone given',
  'analytics.factor.noPhone': 'no phone',
  'analytics.factor.jobTitleGiven': 'job title given',
  'analytics.factor.noJobTitle': 'no job title',
  'analytics.factor.industryGiven': 'company industry given',
  'analytics.factor.noIndustry': 'no company industry',
  'analytics.factor.companySize': 'company of {count} employees',
  'analytics.factor.companySizeUnknown': 'company size unknown',
  'analytics.factor.companyWon': '{count} past won deals with this company',
  'analytics.factorLine': 'score {score}: {factors}',
  'analytics.factorLineNone': 'score {score}: no factor moved it',
  'analytics.listSeparator': ', ',

  // How the clusters were made
  'analytics.clusters.silhouette': ' (silhouette {value})',
  'analytics.clusters.bySilhouette':
    '{k} clusters: the number that separates customers best{silhouette}, of {from}–{to} tried',
  'analytics.clusters.given': '{k} clusters, as asked{silhouette}',
  'analytics.clusters.single': 'One cluster: the customers cannot be split',
  'analytics.clusters.empty': 'No clusters: no customers with purchases',
  'analytics.clusters.recency': '{days} days since the last order',
  'analytics.clusters.orders': '{orders} orders',
  'analytics.clusters.spend': '{amount} spent',

  // The dashboard page and its charts
  'dashboard.title': 'Dashboard',
  'dashboard.subtitleAsOf': 'Figures as of {date}, computed on this computer',
  'dashboard.subtitle': 'Figures computed on this computer',
  'dashboard.recomputeTitle':
    'Run the RFM scores, the segments, the lifetime value and the lead scores again on the current records',
  'dashboard.recomputing': 'Recomputing',
  'dashboard.recomputingNow': 'Recomputing…',
  'dashboard.recompute': 'Recompute',
  'dashboard.sections': 'Dashboard sections',
  'dashboard.tab.overview': 'Overview',
  'dashboard.tab.segments': 'Segments',
  'dashboard.tab.value': 'Lifetime value',
  'dashboard.tab.scores': 'Lead scores',
  'dashboard.tab.satisfaction': 'Satisfaction',
  'dashboard.empty': 'Your workspace is empty',
  'dashboard.emptyHint':
    'The figures and charts fill in as contacts, deals, orders and feedback come in. Add them by hand or bring them in from a spreadsheet.',
  'dashboard.newContact': 'New contact',
  'dashboard.import': 'Import a spreadsheet…',
  'dashboard.kpisFailed': 'Could not compute the headline figures',
  'dashboard.chartsFailed': 'Could not list the charts',
  'dashboard.chart.notSvg': 'The engine sent a chart that is not an SVG image.',
  'dashboard.chart.saved': 'Saved “{title}” to {file}',
  'dashboard.chart.exportFailed': 'Could not export “{title}”',
  'dashboard.chart.export': 'Export {title}',
  'dashboard.chart.svgTitle': 'Export as SVG (scalable)',
  'dashboard.chart.pngTitle': 'Export as PNG (image)',
  'dashboard.chart.exporting': 'Exporting',
  'dashboard.chart.drawing': 'Drawing {title}',

  // Running the analyses
  'analytics.progress.starting': 'Starting…',
  'analytics.progress.step': '{step} ({index} of {total}) — {percent} %',
  'analytics.recomputeFailed': 'Could not recompute the analytics',
  'analytics.recomputingAll': 'Recomputing the analytics',
  'analytics.notRun':
    'Not computed yet. {what} Computing runs every analysis — RFM, segments, lifetime value and lead scores — on this computer; the window stays usable meanwhile.',
  'analytics.computing': 'Computing',
  'analytics.computingNow': 'Computing…',
  'analytics.computeNow': 'Compute now',
  'analytics.stamp': 'As of {date}, computed {ago}.',
  'analytics.stamp.title': 'Computed {time}',
  'analytics.stamp.justNow': 'just now',
} as const;
