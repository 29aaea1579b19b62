/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date in ISO 8601 form, e.g. "2026-11-27" (years 1900 to 9999). */
  Date: { input: string; output: string; }
  /** An instant as an RFC 3339 timestamp with an offset, e.g. "2026-11-27T09:30:00Z" (years 1900 to 9999). Answers are in UTC ("+00:00"). */
  DateTime: { input: string; output: string; }
  /** An exact decimal number, answered as a string such as "1234.50" so no digit is lost. Money is in the workspace currency and shows at least two decimals; ratios (0.25 is 25%) and credited conversions show the decimals they need, at most 28. Inputs may be strings or JSON numbers; strings keep every digit. */
  Decimal: { input: string; output: string; }
  /**
   * ISO 8601 calendar date without timezone.
   * Format: %Y-%m-%d
   *
   * # Examples
   *
   * * `1994-11-13`
   * * `2000-02-24`
   */
  NaiveDate: { input: any; output: any; }
};

/** What an API token may do. */
export type ApiScope =
  /** `admin`: everything but the workspace itself, including users and tokens. */
  | 'ADMIN'
  /** `conversions:write`: record conversions. */
  | 'CONVERSIONS_WRITE'
  /** `leads:write`: capture leads and touchpoints. */
  | 'LEADS_WRITE'
  /** `reports:read`: every query but `members`, `invitations` and `apiTokens`. */
  | 'REPORTS_READ'
  /** `spend:write`: record spend. */
  | 'SPEND_WRITE';

/** An API token as listed: never its secret. */
export type ApiToken = {
  __typename?: 'ApiToken';
  /** When the token was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the token stops working; null when it never expires. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** Opaque id of the token; `revokeApiToken` takes it. */
  id: Scalars['ID']['output'];
  /** Last request made with the token (kept in memory, written every minute or so). */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The name it was given at creation. */
  name: Scalars['String']['output'];
  /** The first characters of the secret, to tell tokens apart. */
  prefix: Scalars['String']['output'];
  /** Set once the token is revoked; it is refused from then on. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the token may do. */
  scopes: Array<ApiScope>;
};

/** Several models' channel credits side by side. */
export type AttributionComparison = {
  __typename?: 'AttributionComparison';
  /** By credited conversions summed over the models (descending). */
  channels: Array<ChannelComparison>;
  /** Conversions of the range: every model credits exactly these. */
  conversions: Scalars['Decimal']['output'];
  /** Journeys that end in a conversion of the range (one per conversion). */
  convertingJourneys: Scalars['Int']['output'];
  /** Journeys of the range, converting or not. */
  journeys: Scalars['Int']['output'];
  /** The models compared, each once, in the order asked. */
  models: Array<AttributionModel>;
  /** The range whose conversions are credited. */
  range: Period;
  /** Revenue of the range: every model credits exactly this. */
  revenue: Scalars['Decimal']['output'];
};

/**
 * How a conversion's credit is split among the touches of its journey (the lead's touches
 * within the lookback window before the conversion).
 */
export type AttributionModel =
  /** All credit to the first touch of the journey. */
  | 'FIRST_TOUCH'
  /** All credit to the last touch that is not DIRECT (the last touch if all are). */
  | 'LAST_NON_DIRECT'
  /** All credit to the last touch. */
  | 'LAST_TOUCH'
  /** Equal credit to every touch. */
  | 'LINEAR'
  /** Data-driven: removal effects of a first-order Markov chain, solved exactly. */
  | 'MARKOV'
  /** U-shaped: first and last weights (40% / 40% by default), the rest to the middle. */
  | 'POSITION_BASED'
  /** Data-driven: Shapley values of channel coalitions (exact up to 15 channels). */
  | 'SHAPLEY'
  /** Weight 2^(−Δt / half-life) per touch, normalised per journey. */
  | 'TIME_DECAY';

/** Tuning of the attribution models; omitted fields take the defaults. */
export type AttributionOptions = {
  /**
   * POSITION_BASED share of the first touch, 0 to 1 (default 0.4). A Float: a model
   * parameter, not an amount; credits are still exact decimals.
   */
  firstWeight?: InputMaybe<Scalars['Float']['input']>;
  /**
   * TIME_DECAY half-life in days, above 0 (default 7); fractions of a day are allowed. A
   * Float: a model parameter, not an amount.
   */
  halfLifeDays?: InputMaybe<Scalars['Float']['input']>;
  /**
   * POSITION_BASED share of the last touch, 0 to 1 (default 0.4); first + last ≤ 1. A
   * Float, like `firstWeight`.
   */
  lastWeight?: InputMaybe<Scalars['Float']['input']>;
  /** How far before a conversion its journey reaches, in days (1 to 3650, default 90). */
  lookbackDays?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * One model's credits over a range: every conversion of the range is split among the
 * touches of its journey, so credits sum to the range's conversions and revenue.
 */
export type AttributionReport = {
  __typename?: 'AttributionReport';
  /** True when SHAPLEY was estimated by seeded sampling (more than 15 channels). */
  approximate: Scalars['Boolean']['output'];
  /** Per campaign, for the rule-based models; null for MARKOV and SHAPLEY. */
  campaigns?: Maybe<Array<CampaignCredit>>;
  /** Every channel on a journey of the range, by credited conversions (descending). */
  channels: Array<ChannelCredit>;
  /** Conversions of the range (= Σ credited conversions). */
  conversions: Scalars['Decimal']['output'];
  /** Journeys that end in a conversion of the range (one per conversion). */
  convertingJourneys: Scalars['Int']['output'];
  /** Journeys of the range: one per conversion, plus one per never-converting lead with touches in the range. */
  journeys: Scalars['Int']['output'];
  /** The model that credited. */
  model: AttributionModel;
  /** Journeys of leads that never converted, with touches in the range. */
  nonConvertingJourneys: Scalars['Int']['output'];
  /** The range whose conversions are credited. */
  range: Period;
  /** Revenue of the range (= Σ credited revenue). */
  revenue: Scalars['Decimal']['output'];
};

/** Who made an audited change. */
export type AuditActorKind =
  /** Support staff on the command line (`leadsource erase`). */
  | 'CLI'
  /** An API token: `tokenPrefix` says which. */
  | 'TOKEN'
  /** A signed-in user: `userId` says who. */
  | 'USER';

/** One audited change: settings, members, tokens or a deletion of data. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** The mutation's name, such as `deleteSpend`, `changeRole` or `createApiToken`. */
  action: Scalars['String']['output'];
  /** Who made it. */
  actorKind: AuditActorKind;
  /**
   * The arguments as a JSON object in a string: ids, dates, roles, counts; never a secret,
   * and for an erasure only counts.
   */
  arguments: Scalars['String']['output'];
  /** When the change was committed. */
  at: Scalars['DateTime']['output'];
  /** Opaque id of the entry. */
  id: Scalars['ID']['output'];
  /** The acting API token's display prefix (`lsk_…`); null for a user or the command line. */
  tokenPrefix?: Maybe<Scalars['String']['output']>;
  /** The acting user's id (`User.id`); null for a token or the command line. */
  userId?: Maybe<Scalars['ID']['output']>;
};

/** A page of audit entries, newest first; pass `pageInfo.endCursor` as `after` for the next page. */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  /** A list of edges. */
  edges: Array<AuditEntryEdge>;
  /** A list of nodes. */
  nodes: Array<AuditEntry>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** Rows matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: AuditEntry;
};

/** Narrows `auditLog`. */
export type AuditLogFilterInput = {
  /** Only this action: a mutation's name, such as `deleteSpend` or `changeRole`. */
  action?: InputMaybe<Scalars['String']['input']>;
  /** From this instant, inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Before this instant, exclusive. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only what this user did. */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** Planned money for a campaign over a period (both ends inclusive). */
export type Budget = {
  __typename?: 'Budget';
  /** Planned amount in the workspace currency. */
  amount: Scalars['Decimal']['output'];
  /** The campaign the money is planned for. */
  campaign?: Maybe<Campaign>;
  /** Opaque id of the budget. */
  id: Scalars['ID']['output'];
  /** Last day of the period (included). */
  periodEnd: Scalars['Date']['output'];
  /** First day of the period (workspace time zone); one budget per campaign and start. */
  periodStart: Scalars['Date']['output'];
};

/** Narrows `budgets`: a campaign, and periods overlapping [from, to]. */
export type BudgetFilterInput = {
  /** Only this campaign's budgets. */
  campaignId?: InputMaybe<Scalars['ID']['input']>;
  /** Only periods ending on or after this day. */
  from?: InputMaybe<Scalars['Date']['input']>;
  /** Only periods starting on or before this day. */
  to?: InputMaybe<Scalars['Date']['input']>;
};

/** A budget period against its spend; amounts in the workspace currency. */
export type BudgetPacing = {
  __typename?: 'BudgetPacing';
  /** The budget's id. */
  budgetId: Scalars['ID']['output'];
  /** The budget's campaign. */
  campaign?: Maybe<Campaign>;
  /** The campaign's name. */
  campaignName: Scalars['String']['output'];
  /** Days of the period up to `asOf`, both ends counted. */
  elapsedDays: Scalars['Int']['output'];
  /** Last day of the budget period (included). */
  periodEnd: Scalars['Date']['output'];
  /** First day of the budget period. */
  periodStart: Scalars['Date']['output'];
  /** Planned amount of the period. */
  planned: Scalars['Decimal']['output'];
  /** Spend at the period end at the run rate so far (spent × total / elapsed days), to the cent. */
  projected: Scalars['Decimal']['output'];
  /** planned − projected (negative when heading over). */
  projectedRemaining: Scalars['Decimal']['output'];
  /** Spend of the campaign from the period start to `asOf` (or the period end). */
  spentToDate: Scalars['Decimal']['output'];
  /** UNDER / ON_TRACK / OVER against the plan, ±10%. */
  status: PacingStatus;
  /** Days of the period, both ends counted. */
  totalDays: Scalars['Int']['output'];
};

/**
 * Where the money of a period as long as `range` should go: per channel (or campaign)
 * the suggested spend and why, with the totals. Amounts are in `currency`. Figures read off
 * the fitted curves (marginal and modelled ROI) are Floats: estimates of a numerical fit,
 * not sums of recorded money.
 */
export type BudgetPlan = {
  __typename?: 'BudgetPlan';
  /** The attribution model that credits revenue to the channels. */
  attribution: AttributionModel;
  /** ISO 4217 code of every amount. */
  currency: Scalars['String']['output'];
  /** The curve family fitted. */
  curve: ResponseCurve;
  /**
   * Modelled profit at the suggestions: Σ (revenue − spend) over the channels with a fitted
   * curve (the others keep their spend in every plan).
   */
  expectedProfitAtSuggestion: Scalars['Decimal']['output'];
  /** Modelled revenue at the suggested spends (channels with a fitted curve). */
  expectedRevenueAtSuggestion: Scalars['Decimal']['output'];
  /** Modelled revenue at the current spends (channels with a fitted curve). */
  expectedRevenueNow: Scalars['Decimal']['output'];
  /** Full ISO weeks (Monday to Sunday) inside the range: the most points a fit can have. */
  fullWeeks: Scalars['Int']['output'];
  /** Channels or campaigns. */
  level: PlanLevel;
  /** expectedRevenueAtSuggestion − expectedRevenueNow. */
  lift: Scalars['Decimal']['output'];
  /** `lift` in percent of `expectedRevenueNow` (12.5 is +12.5%); null when that is zero. */
  liftPct?: Maybe<Scalars['Decimal']['output']>;
  /**
   * The marginal ROI (f′ − 1) shared by the channels the plan left between their bounds:
   * what one more unit of spend returns beyond itself (−0.1: it brings back 0.9); null
   * when every channel is held by a bound. A Float: the slope of the fitted curves.
   */
  marginalRoi?: Maybe<Scalars['Float']['output']>;
  /**
   * The change cap applied, in percent of each current spend (0 to 1000, two decimals). A
   * Float: it echoes the `maxChangePct` argument, a setting rather than an amount.
   */
  maxChangePct: Scalars['Float']['output'];
  /**
   * The plan of the total that maximises modelled profit (marginal ROI 0, within every
   * bound), beside the requested total; null when no channel is free to move.
   */
  profitMaximizing?: Maybe<ProfitMaximizingPlan>;
  /** The range the curves were fitted on; the plan is for a period as long. */
  range: Period;
  /**
   * One suggestion per channel (or campaign) with spend in the range that no constraint
   * excludes, whether or not the channel is flagged paid; largest current spend first.
   */
  suggestions: Array<BudgetSuggestion>;
  /** The money split: `totalBudget`, or the current spend of the range. */
  totalBudget: Scalars['Decimal']['output'];
  /** Σ current spend of the channels in the plan. */
  totalCurrent: Scalars['Decimal']['output'];
  /** Σ suggested spend: equal to `totalBudget` to the cent. */
  totalSuggested: Scalars['Decimal']['output'];
  /**
   * Length of the range in weeks (days / 7). A Float: a length of time, mostly not a
   * whole number of weeks (e.g. 4.428571428571429 for 31 days).
   */
  weeks: Scalars['Float']['output'];
};

/** The suggestion for one channel (or campaign). */
export type BudgetSuggestion = {
  __typename?: 'BudgetSuggestion';
  /** Revenue the attribution model credits it with over the range. */
  attributedRevenue: Scalars['Decimal']['output'];
  /** The constraint holding the suggestion where it is, if any. */
  bound?: Maybe<SpendBound>;
  /** The campaign, at the CAMPAIGN level. */
  campaign?: Maybe<Campaign>;
  /** suggestedSpend − currentSpend. */
  change: Scalars['Decimal']['output'];
  /**
   * `change` in percent of `currentSpend` (−12.5 is 12.5% less); null when the current
   * spend is zero.
   */
  changePct?: Maybe<Scalars['Decimal']['output']>;
  /** The channel (a campaign's channel at the CAMPAIGN level). */
  channel?: Maybe<Channel>;
  /** The fitted curve at `currentWeeklySpend`; null without a fit. */
  currentOnCurve?: Maybe<CurvePoint>;
  /**
   * Observed ROI over the range: (attributedRevenue − currentSpend) / currentSpend; null
   * when the current spend is zero.
   */
  currentRoi?: Maybe<Scalars['Decimal']['output']>;
  /** Spend over the range. */
  currentSpend: Scalars['Decimal']['output'];
  /**
   * Current spend per week: currentSpend × 7 / days of the range, in whole cents (where
   * the current spend sits on the weekly response curve).
   */
  currentWeeklySpend: Scalars['Decimal']['output'];
  /**
   * The fitted response curve sampled at evenly spaced weekly spends from 0 to a quarter
   * past the largest of the weekly points, the current and the suggested weekly spend,
   * for drawing it; empty without a fit.
   */
  curve: Array<CurvePoint>;
  /** Modelled revenue over a period as long as the range at the suggested spend. */
  expectedRevenueAtSuggestion?: Maybe<Scalars['Decimal']['output']>;
  /** Modelled revenue over a period as long as the range at the current spend. */
  expectedRevenueNow?: Maybe<Scalars['Decimal']['output']>;
  /** The fitted response curve; null when no curve could be fitted (see keptBecause). */
  fit?: Maybe<ResponseCurveFit>;
  /**
   * Why it keeps its spend instead of being optimised: "locked", or why no curve fits
   * (e.g. "only 5 usable weekly points (needs 8)").
   */
  keptBecause?: Maybe<Scalars['String']['output']>;
  /** A stable key, e.g. "channel:3" or "campaign:12". */
  key: Scalars['String']['output'];
  /** The channel or campaign name. */
  label: Scalars['String']['output'];
  /**
   * Marginal ROI at the suggested spend; null without a fit. A Float: the slope of the
   * fitted curve.
   */
  marginalRoiAtSuggestion?: Maybe<Scalars['Float']['output']>;
  /**
   * Marginal ROI (revenue of one more unit of spend, minus that unit) at the current spend;
   * null without a fit. A Float: the slope of the fitted curve.
   */
  marginalRoiNow?: Maybe<Scalars['Float']['output']>;
  /**
   * ROI the fitted curve gives at the current spend, (f(spend) − spend) / spend; null
   * without a fit or without current spend. A Float: read off the fitted curve
   * (`currentRoi` is the observed one).
   */
  modelledRoi?: Maybe<Scalars['Float']['output']>;
  /**
   * One line for people, e.g. "Paid Video +1,057.35: marginal ROI 2.31 vs -0.10 across
   * the plan; limited by the +30% change cap".
   */
  reason: Scalars['String']['output'];
  /** The fitted curve at `suggestedWeeklySpend`; null without a fit. */
  suggestedOnCurve?: Maybe<CurvePoint>;
  /** Suggested spend over a period as long as the range, in whole cents. */
  suggestedSpend: Scalars['Decimal']['output'];
  /** Suggested spend per week: suggestedSpend × 7 / days of the range, in whole cents. */
  suggestedWeeklySpend: Scalars['Decimal']['output'];
  /**
   * The full weeks of the range as the curve saw them: spend, and the revenue that
   * answered to it (sourced revenue scaled to the attribution model's credit), oldest
   * first. Empty for a row that did not take part in fitting.
   */
  weeklyPoints: Array<WeeklySpendPoint>;
};

/** A campaign on one channel; spend and budgets hang off it. */
export type Campaign = {
  __typename?: 'Campaign';
  /** The channel the campaign runs on; its spend counts there. */
  channel?: Maybe<Channel>;
  /** When the campaign was created. */
  createdAt: Scalars['DateTime']['output'];
  /**
   * The last day it runs (included), as planned; null when open-ended. Informational,
   * like `startsOn`.
   */
  endsOn?: Maybe<Scalars['Date']['output']>;
  /** Opaque id of the campaign. */
  id: Scalars['ID']['output'];
  /** The campaign's name, 1 to 200 characters. */
  name: Scalars['String']['output'];
  /**
   * The first day it runs, as planned; null when not set. Informational: reports count
   * spend and touches on whatever day they happen.
   */
  startsOn?: Maybe<Scalars['Date']['output']>;
  /** Where the campaign stands (ACTIVE when created). */
  status: CampaignStatus;
  /**
   * The utm_campaign value that names this campaign in links and spend imports: trimmed,
   * lower-cased and unique in the workspace; null when not set.
   */
  utmCampaign?: Maybe<Scalars['String']['output']>;
};

/** A page of campaigns in creation order; pass `pageInfo.endCursor` as `after` for the next page. */
export type CampaignConnection = {
  __typename?: 'CampaignConnection';
  /** A list of edges. */
  edges: Array<CampaignEdge>;
  /** A list of nodes. */
  nodes: Array<Campaign>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** Rows matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A campaign's credit (touches without a campaign form one line with a null campaign). */
export type CampaignCredit = {
  __typename?: 'CampaignCredit';
  /** The campaign; null for touches without one. */
  campaign?: Maybe<Campaign>;
  /** Credited conversions (fractional for multi-touch models). */
  conversions: Scalars['Decimal']['output'];
  /** The campaign's name, or "(no campaign)". */
  label: Scalars['String']['output'];
  /** Credited revenue, in the workspace currency. */
  revenue: Scalars['Decimal']['output'];
  /** conversions / all conversions; null when nothing converted. */
  share?: Maybe<Scalars['Decimal']['output']>;
};

/** An edge in a connection. */
export type CampaignEdge = {
  __typename?: 'CampaignEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Campaign;
};

/** Narrows `campaigns`. */
export type CampaignFilterInput = {
  /** Only the campaigns of this channel. */
  channelId?: InputMaybe<Scalars['ID']['input']>;
  /** Case-insensitive part of the name (at most 200 characters). */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Only the campaigns with this status. */
  status?: InputMaybe<CampaignStatus>;
};

/**
 * Lifecycle of a campaign. A label for people and filters: no status changes how spend,
 * touches or reports treat the campaign.
 */
export type CampaignStatus =
  /** Running (the status of a new campaign). */
  | 'ACTIVE'
  /** Finished (`archiveCampaign`); its history stays in reports. */
  | 'ARCHIVED'
  /** Stopped for now. */
  | 'PAUSED';

/** What `captureLeads` did. */
export type CaptureLeadsResult = {
  __typename?: 'CaptureLeadsResult';
  /** Leads that did not exist before, each with its first touchpoint. */
  created: Scalars['Int']['output'];
  /** The lead of each input, in input order (loaded only when asked for). */
  leads: Array<Lead>;
  /** Leads that existed: their contact fields were refreshed, their source kept. */
  updated: Scalars['Int']['output'];
};

/** The change of one metric against the comparison period. */
export type Change = {
  __typename?: 'Change';
  /** current − previous; null when either is null. */
  absolute?: Maybe<Scalars['Decimal']['output']>;
  /** (current − previous) / previous; null when either is null or previous is 0. */
  relative?: Maybe<Scalars['Decimal']['output']>;
};

/** A marketing channel: the seeded default of a channel group, or one of the workspace's own. */
export type Channel = {
  __typename?: 'Channel';
  /**
   * True once archived with `updateChannel`. A marker for clients: an archived channel
   * is still listed, still receives touches and stays in reports.
   */
  archived: Scalars['Boolean']['output'];
  /** Opaque id of the channel. */
  id: Scalars['ID']['output'];
  /** True for the seeded channel of its group, where classified touches land. */
  isDefault: Scalars['Boolean']['output'];
  /**
   * Whether the channel's traffic is bought (the classification's paid groups). A label
   * only: `budgetSuggestions` plans every channel with spend, paid or not.
   * Defaults to the group's nature when the channel is created.
   */
  isPaid: Scalars['Boolean']['output'];
  /**
   * Channel group: one of GA4's default channel groups (DIRECT, CROSS_NETWORK,
   * PAID_SHOPPING, PAID_SEARCH, PAID_SOCIAL, PAID_VIDEO, DISPLAY, PAID_OTHER,
   * ORGANIC_SHOPPING, ORGANIC_SOCIAL, ORGANIC_VIDEO, ORGANIC_SEARCH, REFERRAL, EMAIL,
   * AFFILIATES, AUDIO, SMS, MOBILE_PUSH) or AI_ASSISTANT, EVENTS, UNASSIGNED.
   */
  kind: Scalars['String']['output'];
  /**
   * Unique in the workspace, 1 to 100 characters; the `channel` of a lead or touchpoint
   * input may name the channel by it (case-insensitive).
   */
  name: Scalars['String']['output'];
};

/** A channel under several models, and how far they disagree. */
export type ChannelComparison = {
  __typename?: 'ChannelComparison';
  /** The channel. */
  channel?: Maybe<Channel>;
  /** One credit per model, in the order of the query's `models`. */
  credits: Array<ModelCredit>;
  /** The channel's name. */
  label: Scalars['String']['output'];
  /** The largest credited conversions across the models. */
  maxConversions: Scalars['Decimal']['output'];
  /** The largest credited revenue across the models. */
  maxRevenue: Scalars['Decimal']['output'];
  /** The smallest credited conversions across the models. */
  minConversions: Scalars['Decimal']['output'];
  /** The smallest credited revenue across the models. */
  minRevenue: Scalars['Decimal']['output'];
};

/**
 * Limits on one channel (or, at the CAMPAIGN level, one campaign) for the planned period,
 * or its exclusion from the plan. Name the channel with `channelId` at the CHANNEL level, the campaign with
 * `campaignId` at the CAMPAIGN level.
 */
export type ChannelConstraint = {
  /** The campaign (CAMPAIGN level). */
  campaignId?: InputMaybe<Scalars['ID']['input']>;
  /** The channel (CHANNEL level). */
  channelId?: InputMaybe<Scalars['ID']['input']>;
  /**
   * Leave the target out of the plan: its spend is neither moved nor counted in the
   * default total. Cannot be combined with minSpend, maxSpend or locked.
   */
  exclude?: Scalars['Boolean']['input'];
  /** Keep the current spend, whatever the curves say. */
  locked?: Scalars['Boolean']['input'];
  /** Spend at most this much over the period. */
  maxSpend?: InputMaybe<Scalars['Decimal']['input']>;
  /** Spend at least this much over the period. */
  minSpend?: InputMaybe<Scalars['Decimal']['input']>;
};

/** A channel's credit. */
export type ChannelCredit = {
  __typename?: 'ChannelCredit';
  /** The channel. */
  channel?: Maybe<Channel>;
  /** Credited conversions (fractional for multi-touch models). */
  conversions: Scalars['Decimal']['output'];
  /** The channel's name. */
  label: Scalars['String']['output'];
  /** Credited revenue, in the workspace currency. */
  revenue: Scalars['Decimal']['output'];
  /** conversions / all conversions; null when nothing converted. */
  share?: Maybe<Scalars['Decimal']['output']>;
};

/** How a touch is classified, and why. */
export type ChannelExplanation = {
  __typename?: 'ChannelExplanation';
  /** The workspace's default channel of that group, where such a touch is recorded. */
  channel?: Maybe<Channel>;
  /** The click-id parameter found on the landing page (gclid, fbclid, …). */
  clickId?: Maybe<Scalars['String']['output']>;
  /** The channel group, e.g. PAID_SEARCH. */
  kind: Scalars['String']['output'];
  /** The referrer's host, lower-cased. */
  referrerHost?: Maybe<Scalars['String']['output']>;
  /** What the rule says, in words. */
  ruleDescription: Scalars['String']['output'];
  /** The id of the rule that matched, e.g. "ga4.paid_search". */
  ruleId: Scalars['String']['output'];
  /** Version of the default rule table. */
  rulesVersion: Scalars['String']['output'];
  /** utm_campaign as understood. */
  utmCampaign?: Maybe<Scalars['String']['output']>;
  /** utm_medium as understood. */
  utmMedium?: Maybe<Scalars['String']['output']>;
  /** utm_source as understood (cleaned; from the landing page when not given). */
  utmSource?: Maybe<Scalars['String']['output']>;
};

/** A conversion of a lead with its revenue in the workspace currency. */
export type Conversion = {
  __typename?: 'Conversion';
  /** The sender's id for the conversion, unique in the workspace. */
  externalId: Scalars['String']['output'];
  /** Opaque id of the conversion. */
  id: Scalars['ID']['output'];
  /** signup, opportunity, purchase, … (lower-cased); a `purchase` makes its lead a CUSTOMER. */
  kind: Scalars['String']['output'];
  /** Opaque id of the converting lead (`lead(id:)` takes it). */
  leadId: Scalars['ID']['output'];
  /** When the conversion happened. */
  occurredAt: Scalars['DateTime']['output'];
  /** ISO 4217 code the revenue was sent in, when it was not the workspace currency. */
  originalCurrency?: Maybe<Scalars['String']['output']>;
  /**
   * The revenue as sent, when it was sent in another currency than the workspace's
   * (`revenue` is its conversion); null otherwise.
   */
  originalRevenue?: Maybe<Scalars['Decimal']['output']>;
  /** Revenue in the workspace currency, to the cent ("0.00" when none was given). */
  revenue: Scalars['Decimal']['output'];
};

/** A page of conversions, newest first; pass `pageInfo.endCursor` as `after` for the next page. */
export type ConversionConnection = {
  __typename?: 'ConversionConnection';
  /** A list of edges. */
  edges: Array<ConversionEdge>;
  /** A list of nodes. */
  nodes: Array<Conversion>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** Rows matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type ConversionEdge = {
  __typename?: 'ConversionEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Conversion;
};

/** Narrows `conversions`. */
export type ConversionFilterInput = {
  /** The conversion kind, e.g. "purchase" (case-insensitive, at most 200 characters). */
  kind?: InputMaybe<Scalars['String']['input']>;
  /** Only this lead's conversions. */
  leadId?: InputMaybe<Scalars['ID']['input']>;
  /** First local day (workspace time zone) of the conversions, inclusive. */
  occurredFrom?: InputMaybe<Scalars['Date']['input']>;
  /** Last local day of the conversions, inclusive; not before `occurredFrom`. */
  occurredTo?: InputMaybe<Scalars['Date']['input']>;
};

/** A conversion of a known lead; a repeated `externalId` is ignored. */
export type ConversionInput = {
  /**
   * ISO 4217 code of `revenue`; the workspace currency when absent. Another currency is
   * converted at the workspace's FX rate of the conversion's local day (or the latest
   * earlier one, at most 7 days old): stored revenue = round_half_even(revenue × rate, 2);
   * the amount as sent is kept. No rate: a bad row naming the day and currency.
   */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** Your id for the conversion, unique in the workspace. */
  externalId: Scalars['String']['input'];
  /** signup, opportunity, purchase…: a `purchase` makes the lead a CUSTOMER. */
  kind: Scalars['String']['input'];
  /** The lead's `externalId`. */
  leadExternalId: Scalars['String']['input'];
  /** Now when absent; not before the lead's creation, not after tomorrow. */
  occurredAt?: InputMaybe<Scalars['DateTime']['input']>;
  /**
   * In `currency` (the workspace's when absent), at least 0, at most two decimal places;
   * 0 when absent.
   */
  revenue?: InputMaybe<Scalars['Decimal']['input']>;
};

/** What `recordConversions` did. */
export type ConversionsResult = {
  __typename?: 'ConversionsResult';
  /** Inputs skipped because their externalId was already known (before the call or earlier in it). */
  duplicates: Scalars['Int']['output'];
  /** Leads that became CUSTOMER through a purchase in this call. */
  newCustomers: Scalars['Int']['output'];
  /** Conversions stored. */
  recorded: Scalars['Int']['output'];
};

/** A new API token: its name, what it may do and when it stops working. */
export type CreateApiTokenInput = {
  /** When the token stops working; never, when null. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** A name to recognise the token by, 1 to 100 characters. */
  name: Scalars['String']['input'];
  /** At least one scope. */
  scopes: Array<ApiScope>;
};

/** A new campaign on a channel of the workspace. */
export type CreateCampaignInput = {
  /** The channel it runs on. */
  channelId: Scalars['ID']['input'];
  /** The planned last day (included), if any; not before `startsOn`. */
  endsOn?: InputMaybe<Scalars['Date']['input']>;
  /** 1 to 200 characters, trimmed. */
  name: Scalars['String']['input'];
  /** The planned first day, if any. */
  startsOn?: InputMaybe<Scalars['Date']['input']>;
  /** ACTIVE when absent. */
  status?: InputMaybe<CampaignStatus>;
  /**
   * Unique per workspace (CONFLICT otherwise), at most 200 characters, stored trimmed and
   * lower-cased; spend imports and touches may name the campaign by it. Blank means none.
   */
  utmCampaign?: InputMaybe<Scalars['String']['input']>;
};

/** A new channel of the workspace's own. */
export type CreateChannelInput = {
  /**
   * Whether its traffic is bought; defaults to whether the group is paid (the PAID_*
   * groups, CROSS_NETWORK, DISPLAY and AUDIO).
   */
  isPaid?: InputMaybe<Scalars['Boolean']['input']>;
  /**
   * Channel group, e.g. PAID_SOCIAL (default UNASSIGNED); `Channel.kind` lists them.
   * Case-insensitive; GA4's names such as "Paid Social" are accepted too.
   */
  kind?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 100 characters, trimmed; unique in the workspace (CONFLICT otherwise). */
  name: Scalars['String']['input'];
};

/** A token just created, with its secret. */
export type CreatedApiToken = {
  __typename?: 'CreatedApiToken';
  /** `lsk_…`: shown only here, stored only as a SHA-256; send it as `Authorization: Bearer …`. */
  secret: Scalars['String']['output'];
  /** The token as `apiTokens` lists it. */
  token: ApiToken;
};

/** An invitation just made, with the code to hand to the invitee. */
export type CreatedInvitation = {
  __typename?: 'CreatedInvitation';
  /**
   * `lsi_…`: shown only here, stored only as a SHA-256; the invitee redeems it once with
   * `acceptInvitation` before `invitation.expiresAt`.
   */
  code: Scalars['String']['output'];
  /** The invitation as `invitations` lists it. */
  invitation: Invitation;
};

/** A point of a fitted weekly response curve. */
export type CurvePoint = {
  __typename?: 'CurvePoint';
  /**
   * The revenue the fitted curve expects a week at `weeklySpend` to bring. A Float: the
   * value of a numerical fit, an estimate rather than an amount of money.
   */
  weeklyRevenue: Scalars['Float']['output'];
  /** A weekly spend. A Float: a sampling position along the curve, not money spent. */
  weeklySpend: Scalars['Float']['output'];
};

/** Local dates of the workspace time zone, both inclusive. */
export type DateRange = {
  /** First day. */
  from: Scalars['Date']['input'];
  /** Last day (included). */
  to: Scalars['Date']['input'];
};

/** What `deleteConversions` removed. */
export type DeleteConversionsResult = {
  __typename?: 'DeleteConversionsResult';
  /** Conversions deleted. */
  deleted: Scalars['Int']['output'];
  /**
   * CUSTOMER leads that lost their last purchase: QUALIFIED now when another conversion
   * remains, NEW otherwise.
   */
  revertedCustomers: Scalars['Int']['output'];
};

/**
 * What a deletion removed. Keys that matched nothing (already deleted, never written, or
 * of another workspace) are skipped, so a repeat answers 0.
 */
export type DeleteResult = {
  __typename?: 'DeleteResult';
  /** Rows deleted. */
  deleted: Scalars['Int']['output'];
};

/** Which spend `deleteSpend` removes: one campaign's days from `from` to `to`. */
export type DeleteSpendFilterInput = {
  /** The campaign, by id; give this or `utmCampaign`, not both. */
  campaignId?: InputMaybe<Scalars['ID']['input']>;
  /** First day, inclusive. */
  from: Scalars['Date']['input'];
  /** Last day, inclusive. */
  to: Scalars['Date']['input'];
  /** The campaign, by its utmCampaign (case-insensitive); give this or `campaignId`. */
  utmCampaign?: InputMaybe<Scalars['String']['input']>;
};

/** What the rows of a performance report are. */
export type Dimension =
  /** The campaign. */
  | 'CAMPAIGN'
  /** The channel (a lead's source channel, a touch's channel, a campaign's channel for spend). */
  | 'CHANNEL'
  /** The utm_campaign value as recorded. Carries no spend. */
  | 'UTM_CAMPAIGN'
  /** The utm_medium value as recorded. Carries no spend. */
  | 'UTM_MEDIUM'
  /** The utm_source value as recorded (case kept). Carries no spend. */
  | 'UTM_SOURCE';

/**
 * What an erasure removed: the leads, their touchpoints and their conversions. Erasing
 * again answers 0 everywhere.
 */
export type EraseResult = {
  __typename?: 'EraseResult';
  /** Their conversions deleted. */
  conversions: Scalars['Int']['output'];
  /** Leads erased (a lead's email, name and company go with it). */
  deleted: Scalars['Int']['output'];
  /** Their touchpoints deleted. */
  touchpoints: Scalars['Int']['output'];
};

/**
 * One day's exchange rate of a foreign currency into the workspace's reporting currency;
 * sending the same currency and day again replaces it.
 */
export type FxRateInput = {
  /** ISO 4217 code of the foreign currency; the reporting currency itself is refused. */
  currency: Scalars['String']['input'];
  /** The day the rate applies to; it also serves the next 7 days that have none. */
  date: Scalars['Date']['input'];
  /**
   * Units of the reporting currency worth 1 unit of `currency` (with EUR reporting and
   * currency USD, 0.92 means 1 USD = 0.92 EUR): more than 0, at most 1,000,000, at most
   * 12 decimal places.
   */
  rate: Scalars['Decimal']['input'];
};

/**
 * What `recordFxRates` stored. A currency and day sent twice in one call counts once (the
 * last entry wins).
 */
export type FxRatesResult = {
  __typename?: 'FxRatesResult';
  /** (currency, day) rates that did not exist before. */
  inserted: Scalars['Int']['output'];
  /** (currency, day) rates that replaced a stored one. */
  updated: Scalars['Int']['output'];
};

/** Bucket size of a time series, in the workspace time zone. */
export type Granularity =
  /** One bucket per local day. */
  | 'DAY'
  /** Calendar months; the first and last are cut to the range. */
  | 'MONTH'
  /** ISO weeks, Monday to Sunday; the first and last are cut to the range. */
  | 'WEEK';

/**
 * An invitation to join the workspace with a role. It carries only what the inviter
 * gave, so it tells nothing about whether the email has an account.
 */
export type Invitation = {
  __typename?: 'Invitation';
  /** When the invitation was made. */
  createdAt: Scalars['DateTime']['output'];
  /** The name a new account gets unless the invitee gives one; as the inviter typed it. */
  displayName?: Maybe<Scalars['String']['output']>;
  /** The invited email, lower-cased. */
  email: Scalars['String']['output'];
  /** When the code stops working: seven days after the invitation. */
  expiresAt: Scalars['DateTime']['output'];
  /** Opaque id of the invitation; `revokeInvitation` takes it. */
  id: Scalars['ID']['output'];
  /** The role the invitee gets on accepting. */
  role: Role;
  /** Where the invitation stands now. */
  status: InvitationStatus;
};

/** Where an invitation stands. */
export type InvitationStatus =
  /** Redeemed: the invitee is a member. */
  | 'ACCEPTED'
  /** Past `expiresAt`: invite again for a new code. */
  | 'EXPIRED'
  /** Its code can be redeemed with `acceptInvitation`. */
  | 'PENDING'
  /** Revoked, or replaced by a newer invitation to the same email. */
  | 'REVOKED';

/** Whom to invite, as what. */
export type InviteUserInput = {
  /**
   * The name an account created by accepting gets, unless the invitee gives one
   * (default: the part of the email before `@`); an existing account keeps its own.
   */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** The invitee's email address (compared and stored lower-cased). */
  email: Scalars['String']['input'];
  /** At most the inviter's own role. */
  role: Role;
};

/**
 * A lead; its source is its first touch. Every field but `id` and `externalId` needs the
 * right to read leads (role VIEWER or scope `reports:read`): a write-only token learns what
 * it captured, never whom.
 */
export type Lead = {
  __typename?: 'Lead';
  /** The source campaign, when the first touch named one. */
  campaign?: Maybe<Campaign>;
  /** The source channel: the first touch's. */
  channel?: Maybe<Channel>;
  /** The contact's company; null when not given. */
  company?: Maybe<Scalars['String']['output']>;
  /** The lead's conversions in time order. */
  conversions: Array<Conversion>;
  /** When the lead was created (the capture's `createdAt`, or when it was captured). */
  createdAt: Scalars['DateTime']['output'];
  /** The contact's e-mail address, lower-cased; null when not given. */
  email?: Maybe<Scalars['String']['output']>;
  /** The caller's id for this lead; captures are idempotent on it. */
  externalId: Scalars['String']['output'];
  /** Opaque id of the lead. */
  id: Scalars['ID']['output'];
  /** The contact's name; null when not given. */
  name?: Maybe<Scalars['String']['output']>;
  /** The source UTM values and referrer. */
  source: Utm;
  /** Where the lead stands in the funnel: NEW when captured, CUSTOMER after a purchase. */
  status: LeadStatus;
  /** Every touch of the lead in time order. */
  touchpoints: Array<Touchpoint>;
};

/** A page of leads, newest first; pass `pageInfo.endCursor` as `after` for the next page. */
export type LeadConnection = {
  __typename?: 'LeadConnection';
  /** A list of edges. */
  edges: Array<LeadEdge>;
  /** A list of nodes. */
  nodes: Array<Lead>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** Rows matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type LeadEdge = {
  __typename?: 'LeadEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Lead;
};

/** Narrows `leads`. */
export type LeadFilterInput = {
  /** The source channel. */
  channelId?: InputMaybe<Scalars['ID']['input']>;
  /** First local day of creation (workspace time zone), inclusive. */
  createdFrom?: InputMaybe<Scalars['Date']['input']>;
  /** Last local day of creation, inclusive. */
  createdTo?: InputMaybe<Scalars['Date']['input']>;
  /** Case-insensitive text found in email, name or company (at most 200 characters). */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only the leads with this status. */
  status?: InputMaybe<LeadStatus>;
};

/**
 * A lead from a form or a partner; capturing the same `externalId` again updates the contact
 * fields it carries and never the lead's source.
 */
export type LeadInput = {
  /** The campaign; when absent, the campaign whose utmCampaign matches, if any. */
  campaignId?: InputMaybe<Scalars['ID']['input']>;
  /**
   * A channel name of the workspace, or a channel group such as EVENTS (trade-show imports).
   * When absent the channel is classified from the UTM values, click ids and referrer.
   */
  channel?: InputMaybe<Scalars['String']['input']>;
  /** The contact's company. */
  company?: InputMaybe<Scalars['String']['input']>;
  /** When the lead was created; now when absent. Not after tomorrow (workspace time zone). */
  createdAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The contact's e-mail address (stored lower-cased). */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Your id for the lead, unique in the workspace (at most 200 characters). */
  externalId: Scalars['String']['input'];
  /** The URL the visitor landed on, with its query string (UTM values, click ids). */
  landingPage?: InputMaybe<Scalars['String']['input']>;
  /** The contact's name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The page the visitor came from. */
  referrer?: InputMaybe<Scalars['String']['input']>;
  /** utm_campaign; when absent, read from the landing page's query string. */
  utmCampaign?: InputMaybe<Scalars['String']['input']>;
  /** utm_content; when absent, read from the landing page's query string. */
  utmContent?: InputMaybe<Scalars['String']['input']>;
  /** utm_medium; when absent, read from the landing page's query string. */
  utmMedium?: InputMaybe<Scalars['String']['input']>;
  /** utm_source; when absent, read from the landing page's query string. */
  utmSource?: InputMaybe<Scalars['String']['input']>;
  /** utm_term; when absent, read from the landing page's query string. */
  utmTerm?: InputMaybe<Scalars['String']['input']>;
};

/** Where a lead stands in the funnel. */
export type LeadStatus =
  /** Has a `purchase` conversion (set by `recordConversions`). */
  | 'CUSTOMER'
  /**
   * Given up on. No mutation sets it; leads stored with it (the demo data) keep it until
   * a purchase.
   */
  | 'LOST'
  /** Captured, not yet a customer: every lead starts here. */
  | 'NEW'
  /**
   * Judged sales-ready. No mutation sets it; leads stored with it (the demo data) keep it
   * until a purchase.
   */
  | 'QUALIFIED';

/** A user's membership of the workspace. */
export type Member = {
  __typename?: 'Member';
  /** When the user joined the workspace. */
  joinedAt: Scalars['DateTime']['output'];
  /** The member's role in this workspace. */
  role: Role;
  /** The member's account. */
  user: User;
};

/**
 * Leads, conversions, revenue, spend and their ratios. Amounts are in the workspace
 * currency. Ratios are Σ numerator / Σ denominator over the row, bucket or total, as exact
 * decimals (0.25 is 25%), and null on a zero denominator.
 */
export type Metrics = {
  __typename?: 'Metrics';
  /** Customer acquisition cost: spend / new customers. */
  cac?: Maybe<Scalars['Decimal']['output']>;
  /** converted leads / leads. */
  conversionRate?: Maybe<Scalars['Decimal']['output']>;
  /** Conversions of the period credited here by the attribution model (fractional). */
  conversions: Scalars['Decimal']['output'];
  /** Of those leads, the ones with a conversion by the end of the period. */
  convertedLeads: Scalars['Int']['output'];
  /** Cost per lead: spend / leads. */
  cpl?: Maybe<Scalars['Decimal']['output']>;
  /** Leads created in the period, counted by their source (first touch). */
  leads: Scalars['Int']['output'];
  /**
   * Leads whose first purchase (the conversion kind that makes a lead a CUSTOMER) falls in
   * the period, counted by their source; with `conversionKinds`, their first conversion of
   * those kinds instead.
   */
  newCustomers: Scalars['Int']['output'];
  /** Revenue of the period's conversions credited here, in the workspace currency. */
  revenue: Scalars['Decimal']['output'];
  /** revenue / spend. */
  roas?: Maybe<Scalars['Decimal']['output']>;
  /** (revenue − spend) / spend. */
  roi?: Maybe<Scalars['Decimal']['output']>;
  /** Spend of the period; null for dimensions that carry no spend (UTM values). */
  spend?: Maybe<Scalars['Decimal']['output']>;
};

/** Every metric's change from the comparison period to the report's range. */
export type MetricsChange = {
  __typename?: 'MetricsChange';
  /** Change of the customer acquisition cost. */
  cac: Change;
  /** Change of the conversion rate. */
  conversionRate: Change;
  /** Change of credited conversions. */
  conversions: Change;
  /** Change of converted leads. */
  convertedLeads: Change;
  /** Change of the cost per lead. */
  cpl: Change;
  /** Change of leads. */
  leads: Change;
  /** Change of new customers. */
  newCustomers: Change;
  /** Change of credited revenue. */
  revenue: Change;
  /** Change of ROAS. */
  roas: Change;
  /** Change of ROI. */
  roi: Change;
  /** Change of spend (null for UTM rows). */
  spend: Change;
};

/** One model's credit of a channel, in a comparison. */
export type ModelCredit = {
  __typename?: 'ModelCredit';
  /** Credited conversions. */
  conversions: Scalars['Decimal']['output'];
  /** The model of this credit. */
  model: AttributionModel;
  /** Credited revenue. */
  revenue: Scalars['Decimal']['output'];
  /** conversions / all conversions; null when nothing converted. */
  share?: Maybe<Scalars['Decimal']['output']>;
};

/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Redeems an invitation code (once, before it expires): the invitee becomes a member
   * with the invited role and gets a session in that workspace. Signed in as the invited
   * email, the code is enough. Otherwise `password` is required: the account's password
   * when the email has one, else the password of the account this creates (with
   * `displayName`). Each call counts as a sign-in attempt, under `login`'s rate limits.
   */
  acceptInvitation: Session;
  /**
   * Sets the campaign's status to ARCHIVED; its history stays in reports. Needs role
   * ANALYST or scope `admin`.
   */
  archiveCampaign: Campaign;
  /**
   * Captures one lead, idempotent on externalId; answers the lead as stored. Needs role
   * ANALYST or scope `leads:write`.
   */
  captureLead: Lead;
  /**
   * Captures many leads at once, idempotent on externalId. Needs role ANALYST or scope
   * `leads:write`.
   */
  captureLeads: CaptureLeadsResult;
  /**
   * Changes the signed-in user's password (not an API token's: it has none). The
   * current password is checked as a sign-in attempt, under the same rate limits as
   * `login`; a wrong one is BAD_USER_INPUT on `currentPassword`. Every refresh token of
   * the user, in every workspace, is revoked; the answer is a new session. Needs a signed-in
   * user of any role.
   */
  changePassword: Session;
  /**
   * Gives a member another role, at most the caller's own (tokens up to ADMIN), and only
   * to a member whose role is not above the caller's. The last OWNER cannot be demoted
   * (CONFLICT). It applies from the member's next `refreshSession` or `login`. Needs role
   * ADMIN or scope `admin`.
   */
  changeRole: Member;
  /**
   * Creates an API token; its secret is in the answer and nowhere else, ever. Needs role
   * ADMIN or scope `admin`.
   */
  createApiToken: CreatedApiToken;
  /**
   * Creates a campaign on a channel of the workspace; CONFLICT when another campaign
   * uses its utmCampaign. Needs role ANALYST or scope `admin`.
   */
  createCampaign: Campaign;
  /**
   * Adds a channel of the workspace's own; CONFLICT when the name is taken. Needs role
   * ANALYST or scope `admin`.
   */
  createChannel: Channel;
  /** Deletes a budget period; answers it as it was. Needs role ANALYST or scope `admin`. */
  deleteBudget: Budget;
  /**
   * Deletes conversions by externalId (refunds and mistakes); unknown ids are skipped. A
   * lead that was a CUSTOMER only through a deleted purchase goes back to QUALIFIED (when
   * another conversion remains) or NEW. Needs role ANALYST or scope `conversions:write`.
   */
  deleteConversions: DeleteConversionsResult;
  /**
   * Deletes one campaign's spend days from `filter.from` to `filter.to` (inclusive); the
   * reports lose them at once. Needs role ANALYST or scope `spend:write`.
   */
  deleteSpend: DeleteResult;
  /**
   * Erases every lead with this email (case-insensitive), with their touchpoints and
   * conversions; erasing again answers 0. The audit entry keeps counts, not the email.
   * Needs role ADMIN or scope `admin`.
   */
  eraseContact: EraseResult;
  /**
   * Erases leads by externalId with their touchpoints and conversions: the personal data
   * is gone and no report counts them. Unknown ids are skipped; erasing again answers 0.
   * Needs role ADMIN or scope `admin`.
   */
  eraseLeads: EraseResult;
  /**
   * Invites an email to the workspace with `role` (at most the caller's own; API tokens
   * up to ADMIN). The answer has the same shape whether or not the email has an
   * account: hand `code` to the invitee, who redeems it with `acceptInvitation` within
   * seven days. Inviting the same email again replaces the open invitation. CONFLICT
   * only when the email is already a member of this workspace. Needs role ADMIN or scope
   * `admin`.
   */
  inviteUser: CreatedInvitation;
  /**
   * Signs in with email and password. Needs no credentials. With several workspaces,
   * `workspace` (a slug) picks one; the oldest membership otherwise.
   */
  login: Session;
  /** Ends the session the refresh token belongs to. Always true. */
  logout: Scalars['Boolean']['output'];
  /**
   * Records conversions of known leads, idempotent on externalId; a purchase makes its
   * lead a CUSTOMER. Needs role ANALYST or scope `conversions:write`.
   */
  recordConversions: ConversionsResult;
  /**
   * Upserts the workspace's FX table per (currency, day): the rates that convert spend
   * amounts and conversion revenue sent in another currency. A rate applies to its day and
   * to the next 7 days that have none; stored rows are not re-converted when a rate
   * changes. Needs role ANALYST or scope `spend:write`.
   */
  recordFxRates: FxRatesResult;
  /**
   * Upserts spend per (campaign, day): a day sent again replaces the stored one. Needs
   * role ANALYST or scope `spend:write`.
   */
  recordSpend: SpendResult;
  /**
   * Records touchpoints of known leads, idempotent on eventId. Needs role ANALYST or scope
   * `leads:write`.
   */
  recordTouchpoints: TouchpointsResult;
  /**
   * Trades a refresh token for a new session; the token is spent. Presenting a spent
   * token again ends every session descended from the same login.
   */
  refreshSession: Session;
  /**
   * Removes a member from the workspace and revokes their refresh tokens here; answers
   * the membership as it was. Nobody removes a member above their own role (tokens act as
   * ADMIN), and the last OWNER cannot be removed (CONFLICT). Needs role ADMIN or scope
   * `admin`.
   */
  removeMember: Member;
  /**
   * Revokes an API token of the workspace: refused from the next request on. Needs role
   * ADMIN or scope `admin`.
   */
  revokeApiToken: ApiToken;
  /**
   * Revokes an open invitation: its code stops working at once. Needs at least the
   * role the invitation offers, and role ADMIN or scope `admin`.
   */
  revokeInvitation: Invitation;
  /**
   * Creates or replaces a campaign's budget for the period starting on `periodStart`.
   * Needs role ANALYST or scope `admin`.
   */
  setBudget: Budget;
  /**
   * Changes a campaign and answers it as stored; moving it to another channel moves its
   * spend in the reports too. CONFLICT when another campaign uses the new utmCampaign.
   * Needs role ANALYST or scope `admin`.
   */
  updateCampaign: Campaign;
  /**
   * Renames, regroups, archives or restores a channel and answers it as stored; CONFLICT
   * when the new name is taken. Needs role ANALYST or scope `admin`.
   */
  updateChannel: Channel;
  /**
   * Changes the workspace's name, time zone or reporting currency; answers the workspace
   * as stored. A new time zone recomputes every stored local day and the daily rollups in
   * the same transaction, so reports use the new days at once. A new currency is refused
   * once the workspace holds money. Needs role OWNER (no API token scope grants it).
   */
  updateWorkspace: Workspace;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationAcceptInvitationArgs = {
  code: Scalars['String']['input'];
  displayName?: InputMaybe<Scalars['String']['input']>;
  password?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationArchiveCampaignArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationCaptureLeadArgs = {
  input: LeadInput;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationCaptureLeadsArgs = {
  inputs: Array<LeadInput>;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationChangeRoleArgs = {
  role: Role;
  userId: Scalars['ID']['input'];
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationCreateApiTokenArgs = {
  input: CreateApiTokenInput;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationCreateCampaignArgs = {
  input: CreateCampaignInput;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationCreateChannelArgs = {
  input: CreateChannelInput;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationDeleteBudgetArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationDeleteConversionsArgs = {
  externalIds: Array<Scalars['String']['input']>;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationDeleteSpendArgs = {
  filter: DeleteSpendFilterInput;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationEraseContactArgs = {
  email: Scalars['String']['input'];
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationEraseLeadsArgs = {
  externalIds: Array<Scalars['String']['input']>;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationInviteUserArgs = {
  input: InviteUserInput;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationLoginArgs = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
  workspace?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationLogoutArgs = {
  refreshToken: Scalars['String']['input'];
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationRecordConversionsArgs = {
  inputs: Array<ConversionInput>;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationRecordFxRatesArgs = {
  entries: Array<FxRateInput>;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationRecordSpendArgs = {
  entries: Array<SpendInput>;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationRecordTouchpointsArgs = {
  inputs: Array<TouchpointInput>;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationRemoveMemberArgs = {
  userId: Scalars['ID']['input'];
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationRevokeApiTokenArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationRevokeInvitationArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationSetBudgetArgs = {
  input: SetBudgetInput;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationUpdateCampaignArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCampaignInput;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationUpdateChannelArgs = {
  id: Scalars['ID']['input'];
  input: UpdateChannelInput;
};


/**
 * Changes. `login`, `refreshSession`, `logout` and `acceptInvitation` need no
 * credentials; every other mutation says which role (for a user) or scope (for an API
 * token) it needs. Refused input is BAD_USER_INPUT with the field in `extensions.field`;
 * the bulk ingestion calls store nothing then and list every bad row in `extensions.rows`.
 */
export type MutationUpdateWorkspaceArgs = {
  input: UpdateWorkspaceInput;
};

/** Where a budget period is heading, with a tolerance of ±10% of the planned amount. */
export type PacingStatus =
  /** Projected spend within ±10% of the plan. */
  | 'ON_TRACK'
  /** Projected (or actual) spend above 110% of the plan. */
  | 'OVER'
  /** Projected spend below 90% of the plan. */
  | 'UNDER';

/** Information about pagination in a connection */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** When paginating forwards, the cursor to continue. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** When paginating forwards, are there more items? */
  hasNextPage: Scalars['Boolean']['output'];
  /** When paginating backwards, are there more items? */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** When paginating backwards, the cursor to continue. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Narrows a performance report. */
export type PerformanceFilter = {
  /** Keep only these campaigns' rows (CAMPAIGN dimension). */
  campaignIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Keep only the rows of these channels (CHANNEL rows, or CAMPAIGN rows on them). */
  channelIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Count only conversions of these kinds (e.g. "purchase"), everywhere in the report. */
  conversionKinds?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Performance per channel, campaign or UTM value over a range. */
export type PerformanceReport = {
  __typename?: 'PerformanceReport';
  /** The model that credited conversions and revenue. */
  attribution: AttributionModel;
  /** Change of the totals; null without `compareTo`. */
  change?: Maybe<MetricsChange>;
  /** The comparison range, when asked. */
  compareTo?: Maybe<Period>;
  /** ISO 4217 code of every amount. */
  currency: Scalars['String']['output'];
  /** What the rows are. */
  dimension: Dimension;
  /** The bucket size of `series`; null without a time series. */
  granularity?: Maybe<Granularity>;
  /** The time series of `compareTo` (with `granularity` and `compareTo`). */
  previousSeries?: Maybe<Array<SeriesBucket>>;
  /** Σ rows over `compareTo`; null without it. */
  previousTotals?: Maybe<Metrics>;
  /** The report's range. */
  range: Period;
  /** How many rows the report has before `first` keeps some. */
  rowCount: Scalars['Int']['output'];
  /**
   * By revenue, then leads (both descending), or in `orderBy`'s order; the first `first`
   * of them when limited.
   */
  rows: Array<PerformanceRow>;
  /** The time series (with `granularity`), empty buckets as zeros. */
  series?: Maybe<Array<SeriesBucket>>;
  /** Σ rows (ratios of the sums). */
  totals: Metrics;
};

/** One value of the report's dimension. */
export type PerformanceRow = {
  __typename?: 'PerformanceRow';
  /** The row's campaign (CAMPAIGN rows). */
  campaign?: Maybe<Campaign>;
  /** Change from `previous` to `metrics`; null without `compareTo`. */
  change?: Maybe<MetricsChange>;
  /** The row's channel (a CAMPAIGN row: the campaign's channel). */
  channel?: Maybe<Channel>;
  /** The UTM value of a UTM row. */
  dimensionValue?: Maybe<Scalars['String']['output']>;
  /** A stable key of the row within its dimension, e.g. "channel:3" or "value:google". */
  key: Scalars['String']['output'];
  /** Channel or campaign name, or the UTM value; "(no campaign)" / "(not set)" when absent. */
  label: Scalars['String']['output'];
  /** The row's metrics over the report's range. */
  metrics: Metrics;
  /** The same metrics over `compareTo` (zeros where the value had none); null without it. */
  previous?: Maybe<Metrics>;
};

/** A range of local dates, both inclusive. */
export type Period = {
  __typename?: 'Period';
  /** First day. */
  from: Scalars['Date']['output'];
  /** Last day (included). */
  to: Scalars['Date']['output'];
};

/** What a budget plan splits the money between. */
export type PlanLevel =
  /** Campaigns with spend in the range. */
  | 'CAMPAIGN'
  /** Channels with spend in the range, paid or not. */
  | 'CHANNEL';

/** One channel's (or campaign's) spend in the profit-maximising plan. */
export type PlannedSpend = {
  __typename?: 'PlannedSpend';
  /** The campaign, at the CAMPAIGN level. */
  campaign?: Maybe<Campaign>;
  /** suggestedSpend − currentSpend. */
  change: Scalars['Decimal']['output'];
  /** The channel (a campaign's channel at the CAMPAIGN level). */
  channel?: Maybe<Channel>;
  /** Spend over the range. */
  currentSpend: Scalars['Decimal']['output'];
  /** A stable key, e.g. "channel:3" or "campaign:12", as in the requested plan. */
  key: Scalars['String']['output'];
  /** The channel or campaign name. */
  label: Scalars['String']['output'];
  /** Spend in this plan over a period as long as the range, in whole cents. */
  suggestedSpend: Scalars['Decimal']['output'];
};

/**
 * The total at which the last unit of money stops paying: every channel free to move sits
 * where its marginal ROI reaches 0, or at the bound (change cap, minimum, maximum) that stops
 * it first. Planned like the requested total, with the same curves and bounds. When the
 * requested plan's marginalRoi is negative, this total is lower and earns more profit.
 */
export type ProfitMaximizingPlan = {
  __typename?: 'ProfitMaximizingPlan';
  /**
   * Modelled profit of this plan: Σ (revenue − spend) over the channels with a fitted
   * curve. Compare with the requested plan's expectedProfitAtSuggestion.
   */
  expectedProfit: Scalars['Decimal']['output'];
  /** Modelled revenue of this plan (channels with a fitted curve). */
  expectedRevenue: Scalars['Decimal']['output'];
  /**
   * The marginal ROI shared by the channels left between their bounds: 0 up to the
   * rounding to cents; null when every channel is held by a bound. A Float: the slope of
   * the fitted curves.
   */
  marginalRoi?: Maybe<Scalars['Float']['output']>;
  /**
   * What each channel (or campaign) of the plan would spend, in the order of the
   * requested plan's suggestions.
   */
  suggestions: Array<PlannedSpend>;
  /** The profit-maximising total, in whole cents. */
  totalBudget: Scalars['Decimal']['output'];
};

/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type Query = {
  __typename?: 'Query';
  /** API tokens of the workspace, newest first, revoked ones included. */
  apiTokens: Array<ApiToken>;
  /**
   * Credited conversions, revenue and share per channel (and per campaign for the
   * rule-based models) of one attribution model over `range`.
   */
  attribution: AttributionReport;
  /** Channel credits of several models side by side, with the spread (min, max) per channel. */
  attributionComparison: AttributionComparison;
  /**
   * Audited changes of the workspace (settings, members, tokens, deletions and
   * erasures), newest first. Needs role ADMIN or scope `admin`.
   */
  auditLog: AuditEntryConnection;
  /**
   * Budget periods overlapping `range`: planned, spent to date, projected at the period
   * end at the current run rate, and status. `asOf` defaults to today (workspace time zone).
   */
  budgetPacing: Array<BudgetPacing>;
  /**
   * Where the money of a period as long as `range` should go. Per channel with spend in the
   * range, paid or not, unless a constraint excludes it (or per campaign with spend, at the
   * CAMPAIGN level), a diminishing-returns curve is fitted to its weekly (spend, attributed
   * revenue) points; `totalBudget` (default: the current spend of the range) is then split
   * so that marginal ROI is equal across the channels not held by a bound, within each
   * constraint and ±`maxChangePct` percent of each current spend. Suggestions add up to
   * `totalBudget` to the cent. A channel with fewer than 8 usable weekly points, or whose
   * spend never varied, keeps its spend and says why. Weekly points take their shape from
   * the revenue of the leads the channel sourced and their level from `attribution`'s
   * credit over the range. Beside the requested total, `profitMaximizing` plans the total
   * at which marginal ROI reaches 0 within the same bounds: when the requested plan's
   * `marginalRoi` is negative, the last units of money lose it, and spending less earns more.
   */
  budgetSuggestions: BudgetPlan;
  /** Planned budgets, by period start. */
  budgets: Array<Budget>;
  /** One campaign, or null when no campaign of the workspace has this id. */
  campaign?: Maybe<Campaign>;
  /** Campaigns in creation order. */
  campaigns: CampaignConnection;
  /** Every channel of the workspace, defaults first. */
  channels: Array<Channel>;
  /** Conversions, newest first. */
  conversions: ConversionConnection;
  /**
   * The channel a touch with these marks is classified into, and the rule that matched.
   * The default rules follow GA4's default channel grouping (plus AI_ASSISTANT and
   * EVENTS); nothing is stored.
   */
  explainChannel: ChannelExplanation;
  /**
   * Open invitations of the workspace (neither accepted nor revoked), newest first;
   * expired ones stay listed until revoked or replaced by a new invitation.
   */
  invitations: Array<Invitation>;
  /**
   * One lead with its touchpoints and conversions, or null when no lead of the workspace
   * has this id.
   */
  lead?: Maybe<Lead>;
  /** Leads, newest first. */
  leads: LeadConnection;
  /** Members of the workspace, oldest first. */
  members: Array<Member>;
  /**
   * Leads, conversions, revenue, spend, ROI, ROAS, CPL, CAC and conversion rate per
   * dimension value over `range`, with totals; a time series with `granularity`; the
   * same for `compareTo` with the change. Conversions and revenue are credited by
   * `attribution` (tuned by `options`).
   */
  performance: PerformanceReport;
  /**
   * Spend rows, newest day first, with their number and the sum of their amounts over
   * the whole filter.
   */
  spend: SpendConnection;
  /** Touchpoints, newest first. */
  touchpoints: TouchpointConnection;
  /** Who is calling: the workspace, and the user and role or the token and its scopes. */
  viewer: Viewer;
  /** The caller's workspace. */
  workspace: Workspace;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryAttributionArgs = {
  conversionKinds?: InputMaybe<Array<Scalars['String']['input']>>;
  model: AttributionModel;
  options?: InputMaybe<AttributionOptions>;
  range: DateRange;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryAttributionComparisonArgs = {
  conversionKinds?: InputMaybe<Array<Scalars['String']['input']>>;
  models: Array<AttributionModel>;
  options?: InputMaybe<AttributionOptions>;
  range: DateRange;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryBudgetPacingArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  range: DateRange;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryBudgetSuggestionsArgs = {
  attribution?: AttributionModel;
  constraints?: InputMaybe<Array<ChannelConstraint>>;
  conversionKinds?: InputMaybe<Array<Scalars['String']['input']>>;
  curve?: ResponseCurve;
  level?: PlanLevel;
  maxChangePct?: Scalars['Float']['input'];
  range: DateRange;
  totalBudget?: InputMaybe<Scalars['Decimal']['input']>;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryBudgetsArgs = {
  filter?: InputMaybe<BudgetFilterInput>;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryCampaignArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryCampaignsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CampaignFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryConversionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ConversionFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryExplainChannelArgs = {
  input: TouchInput;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryLeadArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryLeadsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<LeadFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryPerformanceArgs = {
  attribution?: AttributionModel;
  compareTo?: InputMaybe<DateRange>;
  dimension?: Dimension;
  filter?: InputMaybe<PerformanceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  granularity?: InputMaybe<Granularity>;
  options?: InputMaybe<AttributionOptions>;
  orderBy?: InputMaybe<ReportOrder>;
  range: DateRange;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QuerySpendArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SpendFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every query needs credentials: a user's access JWT or an API token, sent as
 * `Authorization: Bearer …`. Lists and reports need role VIEWER or scope `reports:read`;
 * `members`, `invitations` and `apiTokens` need role ADMIN or scope `admin`; `viewer`
 * needs only valid credentials. Everything answered belongs to the caller's workspace, and
 * report days are local days of its time zone.
 */
export type QueryTouchpointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TouchpointFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * How report rows are sorted. Rows without a value for the field (a null ratio, no spend)
 * come last in both directions; ties keep the report's own order (revenue, then leads,
 * descending).
 */
export type ReportOrder = {
  /** DESC when absent. */
  direction?: SortDirection;
  /** The metric (or the label) to sort by. */
  field: ReportOrderField;
};

/** What report rows are sorted by. */
export type ReportOrderField =
  /** spend / new customers. */
  | 'CAC'
  /** Credited conversions. */
  | 'CONVERSIONS'
  /** converted leads / leads. */
  | 'CONVERSION_RATE'
  /** Leads of the range that converted. */
  | 'CONVERTED_LEADS'
  /** spend / leads. */
  | 'CPL'
  /** The row's name, case-insensitively. */
  | 'LABEL'
  /** Leads created in the range. */
  | 'LEADS'
  /** Leads whose first purchase falls in the range. */
  | 'NEW_CUSTOMERS'
  /** Credited revenue. */
  | 'REVENUE'
  /** revenue / spend. */
  | 'ROAS'
  /** (revenue − spend) / spend (rows without one last). */
  | 'ROI'
  /** Spend (rows without spend last). */
  | 'SPEND';

/** The family of diminishing-returns curve fitted to weekly (spend, revenue) points. */
export type ResponseCurve =
  /** revenue = max · spend^k / (spend^k + h^k), least squares on the revenue scale. */
  | 'HILL'
  /** revenue = a · spend^b with 0 < b ≤ 1, least squares in log space. */
  | 'POWER_LAW';

/**
 * A fitted weekly response curve: weekly spend → weekly revenue, both in the workspace
 * currency. Its parameters are Floats: estimates of a least-squares fit, not amounts of
 * recorded money.
 */
export type ResponseCurveFit = {
  __typename?: 'ResponseCurveFit';
  /**
   * POWER_LAW: the scale a (weekly revenue at a weekly spend of 1). HILL: the weekly
   * revenue approached as spend grows. A Float: a fitted parameter.
   */
  a: Scalars['Float']['output'];
  /**
   * POWER_LAW: the exponent b (1 = constant returns; smaller saturates sooner). HILL: the
   * slope k. A Float: a fitted parameter.
   */
  b: Scalars['Float']['output'];
  /**
   * HILL only: the weekly spend at which revenue reaches half of `a`; null for POWER_LAW.
   * A Float: a fitted parameter.
   */
  halfSaturation?: Maybe<Scalars['Float']['output']>;
  /** The curve family. */
  kind: ResponseCurve;
  /** Weekly points the fit used. */
  points: Scalars['Int']['output'];
  /**
   * Coefficient of determination on the revenue scale, over the points used: 1 is a
   * perfect fit, below 0 when the curve explains less than a flat line. A Float: a
   * goodness-of-fit statistic.
   */
  rSquared: Scalars['Float']['output'];
};

/**
 * A member's role, weakest first: VIEWER reads reports; ANALYST also manages channels,
 * campaigns, budgets and data; ADMIN also users and tokens; OWNER also the workspace.
 */
export type Role =
  /** An ANALYST who also manages members, invitations and API tokens (`admin` for a token). */
  | 'ADMIN'
  /**
   * A VIEWER who also manages channels, campaigns and budgets and records leads,
   * touchpoints, conversions and spend.
   */
  | 'ANALYST'
  /** An ADMIN who may also give the OWNER role (API tokens can give at most ADMIN). */
  | 'OWNER'
  /**
   * Reads channels, campaigns, budgets, leads, conversions and every report, and changes
   * its own password.
   */
  | 'VIEWER';

/** One day, week or month; every row of the report appears (zeros where nothing happened). */
export type SeriesBucket = {
  __typename?: 'SeriesBucket';
  /** First day of the bucket. */
  from: Scalars['Date']['output'];
  /** In the order of the report's rows. */
  rows: Array<SeriesRow>;
  /** Last day of the bucket (included). */
  to: Scalars['Date']['output'];
  /** Σ of the bucket's rows. */
  totals: Metrics;
};

/** A row of one bucket of a time series. */
export type SeriesRow = {
  __typename?: 'SeriesRow';
  /** The key of the report row this is part of. */
  key: Scalars['String']['output'];
  /** The row's metrics in this bucket. */
  metrics: Metrics;
};

/**
 * A signed-in session: send `accessToken` as `Authorization: Bearer …`; trade
 * `refreshToken` for a new session with `refreshSession` before it expires.
 */
export type Session = {
  __typename?: 'Session';
  /** A short-lived JWT. */
  accessToken: Scalars['String']['output'];
  /**
   * When `accessToken` stops being accepted (by default 15 minutes after it was issued,
   * `ACCESS_TOKEN_TTL_SECS`).
   */
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /** Single use: each refresh returns a new one; presenting a used one ends the session. */
  refreshToken: Scalars['String']['output'];
  /**
   * When `refreshToken` can no longer be traded (by default 30 days after it was issued,
   * `REFRESH_TOKEN_TTL_SECS`).
   */
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
  /** The user's role in `workspace`. */
  role: Role;
  /** Always "Bearer". */
  tokenType: Scalars['String']['output'];
  /** The signed-in user. */
  user: User;
  /** The workspace this session acts in. */
  workspace: Workspace;
};

/** Planned money for a campaign and period; setting the same period start again replaces it. */
export type SetBudgetInput = {
  /** In the workspace currency, at least 0, at most two decimal places. */
  amount: Scalars['Decimal']['input'];
  /** The campaign the money is planned for. */
  campaignId: Scalars['ID']['input'];
  /** Last day of the period (included), not before `periodStart`. */
  periodEnd: Scalars['Date']['input'];
  /** First day of the period; with `campaignId` it names the budget to create or replace. */
  periodStart: Scalars['Date']['input'];
};

/** Ascending or descending. */
export type SortDirection =
  /** Smallest first (A to Z for labels). */
  | 'ASC'
  /** Largest first. */
  | 'DESC';

/** One campaign's spend on one day, as stored by `recordSpend`. */
export type Spend = {
  __typename?: 'Spend';
  /** Amount in the workspace currency, to the cent. */
  amount: Scalars['Decimal']['output'];
  /** The campaign that spent. */
  campaign?: Maybe<Campaign>;
  /** Clicks of the day (0 when none were sent). */
  clicks: Scalars['Int']['output'];
  /** The day, in the workspace's calendar. */
  date: Scalars['NaiveDate']['output'];
  /** Impressions of the day (0 when none were sent). */
  impressions: Scalars['Int']['output'];
  /** When the row was last written. */
  updatedAt: Scalars['DateTime']['output'];
};

/** The constraint that holds a suggestion where it is. */
export type SpendBound =
  /** The ±`maxChangePct` change cap. */
  | 'CHANGE_CAP'
  /** It is locked at its current spend. */
  | 'LOCKED'
  /** Its `maxSpend`. */
  | 'MAX'
  /** Its `minSpend`. */
  | 'MIN';

/** A page of spend rows, newest day first, with the number of rows and the sum of their amounts over the whole filter; pass `pageInfo.endCursor` as `after` for the next page. */
export type SpendConnection = {
  __typename?: 'SpendConnection';
  /** A list of edges. */
  edges: Array<SpendEdge>;
  /** A list of nodes. */
  nodes: Array<Spend>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /**
   * Σ of the amounts of every row matching the filter, over all pages, in the workspace
   * currency.
   */
  totalAmount: Scalars['Decimal']['output'];
  /** Rows matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type SpendEdge = {
  __typename?: 'SpendEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Spend;
};

/** Narrows `spend`. */
export type SpendFilterInput = {
  /** Only this campaign's spend. */
  campaignId?: InputMaybe<Scalars['ID']['input']>;
  /** Only the spend of this channel's campaigns. */
  channelId?: InputMaybe<Scalars['ID']['input']>;
  /** First day, inclusive. */
  from?: InputMaybe<Scalars['Date']['input']>;
  /** Last day, inclusive. */
  to?: InputMaybe<Scalars['Date']['input']>;
};

/**
 * One campaign's spend on one day; sending the same campaign and day again replaces it.
 * Name the campaign by `campaignId` or by `utmCampaign`.
 */
export type SpendInput = {
  /**
   * Spend in `currency` (the workspace's when absent): at least 0, at most two decimal
   * places.
   */
  amount: Scalars['Decimal']['input'];
  /** The campaign's id. */
  campaignId?: InputMaybe<Scalars['ID']['input']>;
  /** At least 0; 0 when absent. */
  clicks?: InputMaybe<Scalars['Int']['input']>;
  /**
   * ISO 4217 code of `amount`; the workspace currency when absent. Another currency is
   * converted at the workspace's FX rate of `date` (or the latest earlier one, at most 7
   * days old): stored amount = round_half_even(amount × rate, 2), rate being units of the
   * reporting currency per unit of this one; the amount as sent is kept. No rate: a bad
   * row naming the day and currency.
   */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** The local day in the workspace time zone; not after tomorrow. */
  date: Scalars['Date']['input'];
  /** At least 0; 0 when absent. */
  impressions?: InputMaybe<Scalars['Int']['input']>;
  /** The campaign's `utmCampaign` (case-insensitive), so scripts need no ids. */
  utmCampaign?: InputMaybe<Scalars['String']['input']>;
};

/** What `recordSpend` stored. A campaign and day sent twice in one call counts once (the last entry wins). */
export type SpendResult = {
  __typename?: 'SpendResult';
  /** (campaign, day) rows that did not exist before. */
  inserted: Scalars['Int']['output'];
  /** (campaign, day) rows whose values were replaced. */
  updated: Scalars['Int']['output'];
};

/**
 * Live reports, over a WebSocket at `/graphql` with the `graphql-transport-ws` protocol
 * (credentials in the `connection_init` payload as `{"Authorization": "Bearer …"}`).
 * Each field answers like the query of the same name at once, then again whenever the
 * workspace's data changes, at most once per `LIVE_MIN_INTERVAL_MS` (the last change is
 * always answered). They need role VIEWER or scope `reports:read`; a token or user holds at
 * most `LIVE_MAX_SUBSCRIPTIONS` open at once. Over plain HTTP they are refused.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * `attribution`, live: the credits at once, then again after each change of the
   * workspace's data (at most once per `LIVE_MIN_INTERVAL_MS`; unchanged credits are not
   * sent again). Takes the same arguments as `attribution`.
   */
  attributionUpdates: AttributionReport;
  /**
   * `budgetPacing`, live: the budget periods at once, then again after each change of the
   * workspace's data (at most once per `LIVE_MIN_INTERVAL_MS`; unchanged rows are not
   * sent again). Takes the same arguments as `budgetPacing`; without `asOf`, "today" is
   * taken again at each answer.
   */
  budgetPacingUpdates: Array<BudgetPacing>;
  /**
   * `performance`, live: the report at once, then again after each change of the
   * workspace's data (at most once per `LIVE_MIN_INTERVAL_MS`; an unchanged report is
   * not sent again). Takes the same arguments as `performance`.
   */
  performanceUpdates: PerformanceReport;
};


/**
 * Live reports, over a WebSocket at `/graphql` with the `graphql-transport-ws` protocol
 * (credentials in the `connection_init` payload as `{"Authorization": "Bearer …"}`).
 * Each field answers like the query of the same name at once, then again whenever the
 * workspace's data changes, at most once per `LIVE_MIN_INTERVAL_MS` (the last change is
 * always answered). They need role VIEWER or scope `reports:read`; a token or user holds at
 * most `LIVE_MAX_SUBSCRIPTIONS` open at once. Over plain HTTP they are refused.
 */
export type SubscriptionAttributionUpdatesArgs = {
  conversionKinds?: InputMaybe<Array<Scalars['String']['input']>>;
  model: AttributionModel;
  options?: InputMaybe<AttributionOptions>;
  range: DateRange;
};


/**
 * Live reports, over a WebSocket at `/graphql` with the `graphql-transport-ws` protocol
 * (credentials in the `connection_init` payload as `{"Authorization": "Bearer …"}`).
 * Each field answers like the query of the same name at once, then again whenever the
 * workspace's data changes, at most once per `LIVE_MIN_INTERVAL_MS` (the last change is
 * always answered). They need role VIEWER or scope `reports:read`; a token or user holds at
 * most `LIVE_MAX_SUBSCRIPTIONS` open at once. Over plain HTTP they are refused.
 */
export type SubscriptionBudgetPacingUpdatesArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  range: DateRange;
};


/**
 * Live reports, over a WebSocket at `/graphql` with the `graphql-transport-ws` protocol
 * (credentials in the `connection_init` payload as `{"Authorization": "Bearer …"}`).
 * Each field answers like the query of the same name at once, then again whenever the
 * workspace's data changes, at most once per `LIVE_MIN_INTERVAL_MS` (the last change is
 * always answered). They need role VIEWER or scope `reports:read`; a token or user holds at
 * most `LIVE_MAX_SUBSCRIPTIONS` open at once. Over plain HTTP they are refused.
 */
export type SubscriptionPerformanceUpdatesArgs = {
  attribution?: AttributionModel;
  compareTo?: InputMaybe<DateRange>;
  dimension?: Dimension;
  filter?: InputMaybe<PerformanceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  granularity?: InputMaybe<Granularity>;
  options?: InputMaybe<AttributionOptions>;
  orderBy?: InputMaybe<ReportOrder>;
  range: DateRange;
};

/** The marks of one visit, as a tracking script would send them. */
export type TouchInput = {
  /** The landing URL; its query string fills missing UTM values and click ids. */
  landingPage?: InputMaybe<Scalars['String']['input']>;
  /** The referring URL (or host). */
  referrer?: InputMaybe<Scalars['String']['input']>;
  /** utm_campaign as given (a landing page's value fills it when absent). */
  utmCampaign?: InputMaybe<Scalars['String']['input']>;
  /** utm_content as given (a landing page's value fills it when absent). */
  utmContent?: InputMaybe<Scalars['String']['input']>;
  /** utm_medium as given (a landing page's value fills it when absent). */
  utmMedium?: InputMaybe<Scalars['String']['input']>;
  /** utm_source as given (a landing page's value fills it when absent). */
  utmSource?: InputMaybe<Scalars['String']['input']>;
  /** utm_term as given (a landing page's value fills it when absent). */
  utmTerm?: InputMaybe<Scalars['String']['input']>;
};

/** One interaction of a lead with a channel. */
export type Touchpoint = {
  __typename?: 'Touchpoint';
  /** The campaign named, or the one whose utmCampaign matched; null when none. */
  campaign?: Maybe<Campaign>;
  /** The channel the sender named, or else the one the touch was classified into. */
  channel?: Maybe<Channel>;
  /** The sender's id for the event (a repeated one is ignored); null when none was given. */
  eventId?: Maybe<Scalars['String']['output']>;
  /** Opaque id of the touchpoint. */
  id: Scalars['ID']['output'];
  /** When the interaction happened. */
  occurredAt: Scalars['DateTime']['output'];
  /** The touch's UTM values and referrer. */
  utm: Utm;
};

/** A page of touchpoints, newest first; pass `pageInfo.endCursor` as `after` for the next page. */
export type TouchpointConnection = {
  __typename?: 'TouchpointConnection';
  /** A list of edges. */
  edges: Array<TouchpointEdge>;
  /** A list of nodes. */
  nodes: Array<Touchpoint>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** Rows matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type TouchpointEdge = {
  __typename?: 'TouchpointEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Touchpoint;
};

/** Narrows `touchpoints`. */
export type TouchpointFilterInput = {
  /** Only the touchpoints of this channel. */
  channelId?: InputMaybe<Scalars['ID']['input']>;
  /** First local day (workspace time zone), inclusive. */
  from?: InputMaybe<Scalars['Date']['input']>;
  /** Only this lead's touchpoints. */
  leadId?: InputMaybe<Scalars['ID']['input']>;
  /** Last local day, inclusive. */
  to?: InputMaybe<Scalars['Date']['input']>;
};

/** One interaction of a known lead; a repeated `eventId` is ignored. */
export type TouchpointInput = {
  /** The campaign; when absent, the campaign whose utmCampaign matches, if any. */
  campaignId?: InputMaybe<Scalars['ID']['input']>;
  /** A channel name or channel group; classified when absent. */
  channel?: InputMaybe<Scalars['String']['input']>;
  /** Your id for the event, unique in the workspace; without one every push is stored. */
  eventId?: InputMaybe<Scalars['String']['input']>;
  /** The URL the visitor landed on, with its query string. */
  landingPage?: InputMaybe<Scalars['String']['input']>;
  /** The lead's `externalId`. */
  leadExternalId: Scalars['String']['input'];
  /** Now when absent. Not after tomorrow (workspace time zone). */
  occurredAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The page the visitor came from. */
  referrer?: InputMaybe<Scalars['String']['input']>;
  /** utm_campaign; when absent, read from the landing page's query string. */
  utmCampaign?: InputMaybe<Scalars['String']['input']>;
  /** utm_content; when absent, read from the landing page's query string. */
  utmContent?: InputMaybe<Scalars['String']['input']>;
  /** utm_medium; when absent, read from the landing page's query string. */
  utmMedium?: InputMaybe<Scalars['String']['input']>;
  /** utm_source; when absent, read from the landing page's query string. */
  utmSource?: InputMaybe<Scalars['String']['input']>;
  /** utm_term; when absent, read from the landing page's query string. */
  utmTerm?: InputMaybe<Scalars['String']['input']>;
};

/** What `recordTouchpoints` did. */
export type TouchpointsResult = {
  __typename?: 'TouchpointsResult';
  /** Inputs skipped because their eventId was already known (before the call or earlier in it). */
  duplicates: Scalars['Int']['output'];
  /** Touchpoints stored. */
  recorded: Scalars['Int']['output'];
};

/** Changes to a campaign; omitted fields stay, `null` clears the optional ones. */
export type UpdateCampaignInput = {
  /** Moves the campaign, with its spend, to this channel. */
  channelId?: InputMaybe<Scalars['ID']['input']>;
  /** A new planned last day (included), not before `startsOn`; null clears it. */
  endsOn?: InputMaybe<Scalars['Date']['input']>;
  /** A new name, 1 to 200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** A new planned first day; null clears it. */
  startsOn?: InputMaybe<Scalars['Date']['input']>;
  /** A new status (`archiveCampaign` sets ARCHIVED). */
  status?: InputMaybe<CampaignStatus>;
  /** A new utm_campaign, as in `CreateCampaignInput`; null clears it. */
  utmCampaign?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a channel; omitted (or null) fields stay as they are. */
export type UpdateChannelInput = {
  /** True archives the channel, false restores it (see `Channel.archived`). */
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  /** Whether its traffic is bought. */
  isPaid?: InputMaybe<Scalars['Boolean']['input']>;
  /**
   * A new channel group, as in `CreateChannelInput.kind`. The default channel of a
   * group keeps its group (BAD_USER_INPUT).
   */
  kind?: InputMaybe<Scalars['String']['input']>;
  /** A new name: 1 to 100 characters, unique in the workspace. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** The workspace settings to change; an absent field stays as it is. */
export type UpdateWorkspaceInput = {
  /**
   * ISO 4217 reporting currency. Refused (BAD_USER_INPUT) once the workspace holds money
   * (spend, revenue, budgets or FX rates): stored amounts are never re-converted.
   */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** The display name, 1 to 200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /**
   * IANA time zone, e.g. America/New_York. Every stored local day (leads' and
   * conversions' days) and the daily rollups are recomputed in the same transaction.
   */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** A person who signs in; one account may be a member of several workspaces. */
export type User = {
  __typename?: 'User';
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The name shown for the user, 1 to 100 characters. */
  displayName: Scalars['String']['output'];
  /** Sign-in email, lower-cased. */
  email: Scalars['String']['output'];
  /** Opaque id of the user. */
  id: Scalars['ID']['output'];
};

/** UTM parameters and the referrer of a visit. */
export type Utm = {
  __typename?: 'Utm';
  /** utm_campaign as recorded; null when the visit had none. */
  campaign?: Maybe<Scalars['String']['output']>;
  /** utm_content as recorded; null when the visit had none. */
  content?: Maybe<Scalars['String']['output']>;
  /** The URL the visitor landed on, with its query string; null when unknown. */
  landingPage?: Maybe<Scalars['String']['output']>;
  /** utm_medium as recorded; null when the visit had none. */
  medium?: Maybe<Scalars['String']['output']>;
  /** The page the visitor came from; null when unknown. */
  referrer?: Maybe<Scalars['String']['output']>;
  /** utm_source as recorded; null when the visit had none. */
  source?: Maybe<Scalars['String']['output']>;
  /** utm_term as recorded; null when the visit had none. */
  term?: Maybe<Scalars['String']['output']>;
};

/** Who is calling: which workspace, as which user and role or with which token scopes. */
export type Viewer = {
  __typename?: 'Viewer';
  /** Whether the caller is a signed-in user or an API token. */
  kind: ViewerKind;
  /** The user's role; null for an API token. */
  role?: Maybe<Role>;
  /** The token's scopes; empty for a user. */
  scopes: Array<ApiScope>;
  /** The calling token's id; null for a user. */
  tokenId?: Maybe<Scalars['ID']['output']>;
  /** The signed-in user; null for an API token. */
  user?: Maybe<User>;
  /** The workspace the caller acts in. */
  workspace: Workspace;
};

/** How the caller authenticated. */
export type ViewerKind =
  /** An API token. */
  | 'API_TOKEN'
  /** A signed-in user (access JWT). */
  | 'USER';

/** One full week of a budget plan's row: the spend and the revenue that answered to it. */
export type WeeklySpendPoint = {
  __typename?: 'WeeklySpendPoint';
  /**
   * Revenue of the leads the row sourced that week, scaled so that the weeks add up to
   * the revenue the attribution model credits the row with.
   */
  revenue: Scalars['Decimal']['output'];
  /** Spend of the week. */
  spend: Scalars['Decimal']['output'];
};

/** A tenant: its reporting currency and time zone apply to every number in it. */
export type Workspace = {
  __typename?: 'Workspace';
  /** When the workspace was created. */
  createdAt: Scalars['DateTime']['output'];
  /** ISO 4217 code of the reporting currency; every amount is in it. */
  currency: Scalars['String']['output'];
  /** Opaque id of the workspace. */
  id: Scalars['ID']['output'];
  /** The workspace's display name. */
  name: Scalars['String']['output'];
  /** Its unique short name; `login(workspace:)` picks the workspace by it. */
  slug: Scalars['String']['output'];
  /** IANA time zone; report days are local days of this zone. */
  timezone: Scalars['String']['output'];
};

export type LoginMutationVariables = Exact<{
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type LoginMutation = { __typename?: 'Mutation', login: { __typename?: 'Session', accessToken: string, accessTokenExpiresAt: string, refreshToken: string, role: Role, user: { __typename?: 'User', email: string }, workspace: { __typename?: 'Workspace', name: string } } };

export type RefreshMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;


export type RefreshMutation = { __typename?: 'Mutation', refreshSession: { __typename?: 'Session', accessToken: string, accessTokenExpiresAt: string, refreshToken: string, role: Role, user: { __typename?: 'User', email: string }, workspace: { __typename?: 'Workspace', name: string } } };

export type LogoutMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;


export type LogoutMutation = { __typename?: 'Mutation', logout: boolean };

export type AttributionComparisonQueryVariables = Exact<{
  range: DateRange;
  models: Array<AttributionModel> | AttributionModel;
}>;


export type AttributionComparisonQuery = { __typename?: 'Query', attributionComparison: { __typename?: 'AttributionComparison', conversions: string, revenue: string, models: Array<AttributionModel>, channels: Array<{ __typename?: 'ChannelComparison', label: string, minConversions: string, maxConversions: string, minRevenue: string, maxRevenue: string, credits: Array<{ __typename?: 'ModelCredit', model: AttributionModel, conversions: string, revenue: string, share?: string | null }> }> } };

export type BudgetQueryVariables = Exact<{
  range: DateRange;
  totalBudget?: InputMaybe<Scalars['Decimal']['input']>;
  attribution: AttributionModel;
  constraints?: InputMaybe<Array<ChannelConstraint> | ChannelConstraint>;
  maxChangePct: Scalars['Float']['input'];
}>;


export type BudgetQuery = { __typename?: 'Query', budgetSuggestions: { __typename?: 'BudgetPlan', currency: string, totalBudget: string, totalCurrent: string, totalSuggested: string, expectedRevenueNow: string, expectedRevenueAtSuggestion: string, liftPct?: string | null, profitMaximizing?: { __typename?: 'ProfitMaximizingPlan', totalBudget: string, expectedRevenue: string, expectedProfit: string } | null, suggestions: Array<{ __typename?: 'BudgetSuggestion', key: string, label: string, currentSpend: string, suggestedSpend: string, change: string, changePct?: string | null, currentRoi?: string | null, marginalRoiNow?: number | null, marginalRoiAtSuggestion?: number | null, currentWeeklySpend: string, suggestedWeeklySpend: string, keptBecause?: string | null, bound?: SpendBound | null, reason: string, channel?: { __typename?: 'Channel', id: string } | null, fit?: { __typename?: 'ResponseCurveFit', kind: ResponseCurve, rSquared: number, points: number } | null, weeklyPoints: Array<{ __typename?: 'WeeklySpendPoint', spend: string, revenue: string }>, curve: Array<{ __typename?: 'CurvePoint', weeklySpend: number, weeklyRevenue: number }>, currentOnCurve?: { __typename?: 'CurvePoint', weeklySpend: number, weeklyRevenue: number } | null, suggestedOnCurve?: { __typename?: 'CurvePoint', weeklySpend: number, weeklyRevenue: number } | null }> } };

export type LeadsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  search?: InputMaybe<Scalars['String']['input']>;
}>;


export type LeadsQuery = { __typename?: 'Query', leads: { __typename?: 'LeadConnection', totalCount: number, nodes: Array<{ __typename?: 'Lead', id: string, externalId: string, name?: string | null, email?: string | null, company?: string | null, status: LeadStatus, createdAt: string, channel?: { __typename?: 'Channel', name: string } | null }> } };

export type LeadQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LeadQuery = { __typename?: 'Query', lead?: { __typename?: 'Lead', id: string, externalId: string, name?: string | null, email?: string | null, company?: string | null, status: LeadStatus, createdAt: string, channel?: { __typename?: 'Channel', name: string } | null, source: { __typename?: 'Utm', source?: string | null, medium?: string | null, campaign?: string | null, referrer?: string | null, landingPage?: string | null }, touchpoints: Array<{ __typename?: 'Touchpoint', id: string, occurredAt: string, channel?: { __typename?: 'Channel', name: string } | null, campaign?: { __typename?: 'Campaign', name: string } | null, utm: { __typename?: 'Utm', source?: string | null, medium?: string | null, campaign?: string | null } }>, conversions: Array<{ __typename?: 'Conversion', id: string, occurredAt: string, kind: string, revenue: string }> } | null };

export type PacingQueryVariables = Exact<{
  range: DateRange;
  asOf?: InputMaybe<Scalars['Date']['input']>;
}>;


export type PacingQuery = { __typename?: 'Query', budgetPacing: Array<{ __typename?: 'BudgetPacing', budgetId: string, campaignName: string, periodStart: string, periodEnd: string, planned: string, spentToDate: string, projected: string, projectedRemaining: string, elapsedDays: number, totalDays: number, status: PacingStatus }> };

export type TokensQueryVariables = Exact<{ [key: string]: never; }>;


export type TokensQuery = { __typename?: 'Query', apiTokens: Array<{ __typename?: 'ApiToken', id: string, name: string, prefix: string, scopes: Array<ApiScope>, createdAt: string, lastUsedAt?: string | null, expiresAt?: string | null, revokedAt?: string | null }> };

export type CreateTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type CreateTokenMutation = { __typename?: 'Mutation', createApiToken: { __typename?: 'CreatedApiToken', secret: string, token: { __typename?: 'ApiToken', id: string, name: string } } };

export type RevokeTokenMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokeTokenMutation = { __typename?: 'Mutation', revokeApiToken: { __typename?: 'ApiToken', id: string, revokedAt?: string | null } };

export type ChannelsQueryVariables = Exact<{
  range: DateRange;
  compareTo?: InputMaybe<DateRange>;
  dimension: Dimension;
  attribution: AttributionModel;
  granularity?: InputMaybe<Granularity>;
}>;


export type ChannelsQuery = { __typename?: 'Query', performance: { __typename?: 'PerformanceReport', currency: string, range: { __typename?: 'Period', from: string, to: string }, compareTo?: { __typename?: 'Period', from: string, to: string } | null, rows: Array<{ __typename?: 'PerformanceRow', key: string, label: string, metrics: { __typename?: 'Metrics', leads: number, conversions: string, revenue: string, spend?: string | null, roi?: string | null, roas?: string | null, cpl?: string | null, cac?: string | null, conversionRate?: string | null }, change?: { __typename?: 'MetricsChange', leads: { __typename?: 'Change', relative?: string | null }, conversions: { __typename?: 'Change', relative?: string | null }, revenue: { __typename?: 'Change', relative?: string | null }, spend: { __typename?: 'Change', relative?: string | null }, roi: { __typename?: 'Change', relative?: string | null }, roas: { __typename?: 'Change', relative?: string | null }, cpl: { __typename?: 'Change', relative?: string | null }, cac: { __typename?: 'Change', relative?: string | null }, conversionRate: { __typename?: 'Change', relative?: string | null } } | null }>, totals: { __typename?: 'Metrics', leads: number, conversions: string, revenue: string, spend?: string | null, roi?: string | null, roas?: string | null, cpl?: string | null, cac?: string | null, conversionRate?: string | null }, change?: { __typename?: 'MetricsChange', leads: { __typename?: 'Change', relative?: string | null }, conversions: { __typename?: 'Change', relative?: string | null }, revenue: { __typename?: 'Change', relative?: string | null }, spend: { __typename?: 'Change', relative?: string | null }, roi: { __typename?: 'Change', relative?: string | null }, roas: { __typename?: 'Change', relative?: string | null }, cpl: { __typename?: 'Change', relative?: string | null }, cac: { __typename?: 'Change', relative?: string | null }, conversionRate: { __typename?: 'Change', relative?: string | null } } | null, series?: Array<{ __typename?: 'SeriesBucket', from: string, to: string, totals: { __typename?: 'Metrics', leads: number, conversions: string, revenue: string, spend?: string | null } }> | null } };

export type MetricsViewFragment = { __typename?: 'Metrics', leads: number, conversions: string, revenue: string, spend?: string | null, roi?: string | null, roas?: string | null, cpl?: string | null, cac?: string | null, conversionRate?: string | null };

export type ChangeViewFragment = { __typename?: 'MetricsChange', leads: { __typename?: 'Change', relative?: string | null }, conversions: { __typename?: 'Change', relative?: string | null }, revenue: { __typename?: 'Change', relative?: string | null }, spend: { __typename?: 'Change', relative?: string | null }, roi: { __typename?: 'Change', relative?: string | null }, roas: { __typename?: 'Change', relative?: string | null }, cpl: { __typename?: 'Change', relative?: string | null }, cac: { __typename?: 'Change', relative?: string | null }, conversionRate: { __typename?: 'Change', relative?: string | null } };

export type PerformanceViewFragment = { __typename?: 'PerformanceReport', currency: string, range: { __typename?: 'Period', from: string, to: string }, compareTo?: { __typename?: 'Period', from: string, to: string } | null, rows: Array<{ __typename?: 'PerformanceRow', key: string, label: string, metrics: { __typename?: 'Metrics', leads: number, conversions: string, revenue: string, spend?: string | null, roi?: string | null, roas?: string | null, cpl?: string | null, cac?: string | null, conversionRate?: string | null }, change?: { __typename?: 'MetricsChange', leads: { __typename?: 'Change', relative?: string | null }, conversions: { __typename?: 'Change', relative?: string | null }, revenue: { __typename?: 'Change', relative?: string | null }, spend: { __typename?: 'Change', relative?: string | null }, roi: { __typename?: 'Change', relative?: string | null }, roas: { __typename?: 'Change', relative?: string | null }, cpl: { __typename?: 'Change', relative?: string | null }, cac: { __typename?: 'Change', relative?: string | null }, conversionRate: { __typename?: 'Change', relative?: string | null } } | null }>, totals: { __typename?: 'Metrics', leads: number, conversions: string, revenue: string, spend?: string | null, roi?: string | null, roas?: string | null, cpl?: string | null, cac?: string | null, conversionRate?: string | null }, change?: { __typename?: 'MetricsChange', leads: { __typename?: 'Change', relative?: string | null }, conversions: { __typename?: 'Change', relative?: string | null }, revenue: { __typename?: 'Change', relative?: string | null }, spend: { __typename?: 'Change', relative?: string | null }, roi: { __typename?: 'Change', relative?: string | null }, roas: { __typename?: 'Change', relative?: string | null }, cpl: { __typename?: 'Change', relative?: string | null }, cac: { __typename?: 'Change', relative?: string | null }, conversionRate: { __typename?: 'Change', relative?: string | null } } | null, series?: Array<{ __typename?: 'SeriesBucket', from: string, to: string, totals: { __typename?: 'Metrics', leads: number, conversions: string, revenue: string, spend?: string | null } }> | null };

export type ChannelsLiveSubscriptionVariables = Exact<{
  range: DateRange;
  compareTo?: InputMaybe<DateRange>;
  dimension: Dimension;
  attribution: AttributionModel;
  granularity?: InputMaybe<Granularity>;
}>;


export type ChannelsLiveSubscription = { __typename?: 'Subscription', performanceUpdates: { __typename?: 'PerformanceReport', currency: string, range: { __typename?: 'Period', from: string, to: string }, compareTo?: { __typename?: 'Period', from: string, to: string } | null, rows: Array<{ __typename?: 'PerformanceRow', key: string, label: string, metrics: { __typename?: 'Metrics', leads: number, conversions: string, revenue: string, spend?: string | null, roi?: string | null, roas?: string | null, cpl?: string | null, cac?: string | null, conversionRate?: string | null }, change?: { __typename?: 'MetricsChange', leads: { __typename?: 'Change', relative?: string | null }, conversions: { __typename?: 'Change', relative?: string | null }, revenue: { __typename?: 'Change', relative?: string | null }, spend: { __typename?: 'Change', relative?: string | null }, roi: { __typename?: 'Change', relative?: string | null }, roas: { __typename?: 'Change', relative?: string | null }, cpl: { __typename?: 'Change', relative?: string | null }, cac: { __typename?: 'Change', relative?: string | null }, conversionRate: { __typename?: 'Change', relative?: string | null } } | null }>, totals: { __typename?: 'Metrics', leads: number, conversions: string, revenue: string, spend?: string | null, roi?: string | null, roas?: string | null, cpl?: string | null, cac?: string | null, conversionRate?: string | null }, change?: { __typename?: 'MetricsChange', leads: { __typename?: 'Change', relative?: string | null }, conversions: { __typename?: 'Change', relative?: string | null }, revenue: { __typename?: 'Change', relative?: string | null }, spend: { __typename?: 'Change', relative?: string | null }, roi: { __typename?: 'Change', relative?: string | null }, roas: { __typename?: 'Change', relative?: string | null }, cpl: { __typename?: 'Change', relative?: string | null }, cac: { __typename?: 'Change', relative?: string | null }, conversionRate: { __typename?: 'Change', relative?: string | null } } | null, series?: Array<{ __typename?: 'SeriesBucket', from: string, to: string, totals: { __typename?: 'Metrics', leads: number, conversions: string, revenue: string, spend?: string | null } }> | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const MetricsViewFragmentDoc = new TypedDocumentString(`
    fragment MetricsView on Metrics {
  leads
  conversions
  revenue
  spend
  roi
  roas
  cpl
  cac
  conversionRate
}
    `, {"fragmentName":"MetricsView"}) as unknown as TypedDocumentString<MetricsViewFragment, unknown>;
export const ChangeViewFragmentDoc = new TypedDocumentString(`
    fragment ChangeView on MetricsChange {
  leads {
    relative
  }
  conversions {
    relative
  }
  revenue {
    relative
  }
  spend {
    relative
  }
  roi {
    relative
  }
  roas {
    relative
  }
  cpl {
    relative
  }
  cac {
    relative
  }
  conversionRate {
    relative
  }
}
    `, {"fragmentName":"ChangeView"}) as unknown as TypedDocumentString<ChangeViewFragment, unknown>;
export const PerformanceViewFragmentDoc = new TypedDocumentString(`
    fragment PerformanceView on PerformanceReport {
  currency
  range {
    from
    to
  }
  compareTo {
    from
    to
  }
  rows {
    key
    label
    metrics {
      ...MetricsView
    }
    change {
      ...ChangeView
    }
  }
  totals {
    ...MetricsView
  }
  change {
    ...ChangeView
  }
  series {
    from
    to
    totals {
      leads
      conversions
      revenue
      spend
    }
  }
}
    fragment MetricsView on Metrics {
  leads
  conversions
  revenue
  spend
  roi
  roas
  cpl
  cac
  conversionRate
}
fragment ChangeView on MetricsChange {
  leads {
    relative
  }
  conversions {
    relative
  }
  revenue {
    relative
  }
  spend {
    relative
  }
  roi {
    relative
  }
  roas {
    relative
  }
  cpl {
    relative
  }
  cac {
    relative
  }
  conversionRate {
    relative
  }
}`, {"fragmentName":"PerformanceView"}) as unknown as TypedDocumentString<PerformanceViewFragment, unknown>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    role
    user {
      email
    }
    workspace {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const RefreshDocument = new TypedDocumentString(`
    mutation Refresh($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    role
    user {
      email
    }
    workspace {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<RefreshMutation, RefreshMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout($refreshToken: String!) {
  logout(refreshToken: $refreshToken)
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const AttributionComparisonDocument = new TypedDocumentString(`
    query AttributionComparison($range: DateRange!, $models: [AttributionModel!]!) {
  attributionComparison(range: $range, models: $models) {
    conversions
    revenue
    models
    channels {
      label
      minConversions
      maxConversions
      minRevenue
      maxRevenue
      credits {
        model
        conversions
        revenue
        share
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AttributionComparisonQuery, AttributionComparisonQueryVariables>;
export const BudgetDocument = new TypedDocumentString(`
    query Budget($range: DateRange!, $totalBudget: Decimal, $attribution: AttributionModel!, $constraints: [ChannelConstraint!], $maxChangePct: Float!) {
  budgetSuggestions(
    range: $range
    totalBudget: $totalBudget
    attribution: $attribution
    constraints: $constraints
    maxChangePct: $maxChangePct
  ) {
    currency
    totalBudget
    totalCurrent
    totalSuggested
    expectedRevenueNow
    expectedRevenueAtSuggestion
    liftPct
    profitMaximizing {
      totalBudget
      expectedRevenue
      expectedProfit
    }
    suggestions {
      key
      label
      channel {
        id
      }
      currentSpend
      suggestedSpend
      change
      changePct
      currentRoi
      marginalRoiNow
      marginalRoiAtSuggestion
      currentWeeklySpend
      suggestedWeeklySpend
      fit {
        kind
        rSquared
        points
      }
      keptBecause
      bound
      reason
      weeklyPoints {
        spend
        revenue
      }
      curve {
        weeklySpend
        weeklyRevenue
      }
      currentOnCurve {
        weeklySpend
        weeklyRevenue
      }
      suggestedOnCurve {
        weeklySpend
        weeklyRevenue
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BudgetQuery, BudgetQueryVariables>;
export const LeadsDocument = new TypedDocumentString(`
    query Leads($first: Int!, $search: String) {
  leads(first: $first, filter: {search: $search}) {
    totalCount
    nodes {
      id
      externalId
      name
      email
      company
      status
      createdAt
      channel {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LeadsQuery, LeadsQueryVariables>;
export const LeadDocument = new TypedDocumentString(`
    query Lead($id: ID!) {
  lead(id: $id) {
    id
    externalId
    name
    email
    company
    status
    createdAt
    channel {
      name
    }
    source {
      source
      medium
      campaign
      referrer
      landingPage
    }
    touchpoints {
      id
      occurredAt
      channel {
        name
      }
      campaign {
        name
      }
      utm {
        source
        medium
        campaign
      }
    }
    conversions {
      id
      occurredAt
      kind
      revenue
    }
  }
}
    `) as unknown as TypedDocumentString<LeadQuery, LeadQueryVariables>;
export const PacingDocument = new TypedDocumentString(`
    query Pacing($range: DateRange!, $asOf: Date) {
  budgetPacing(range: $range, asOf: $asOf) {
    budgetId
    campaignName
    periodStart
    periodEnd
    planned
    spentToDate
    projected
    projectedRemaining
    elapsedDays
    totalDays
    status
  }
}
    `) as unknown as TypedDocumentString<PacingQuery, PacingQueryVariables>;
export const TokensDocument = new TypedDocumentString(`
    query Tokens {
  apiTokens {
    id
    name
    prefix
    scopes
    createdAt
    lastUsedAt
    expiresAt
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<TokensQuery, TokensQueryVariables>;
export const CreateTokenDocument = new TypedDocumentString(`
    mutation CreateToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    secret
    token {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<CreateTokenMutation, CreateTokenMutationVariables>;
export const RevokeTokenDocument = new TypedDocumentString(`
    mutation RevokeToken($id: ID!) {
  revokeApiToken(id: $id) {
    id
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<RevokeTokenMutation, RevokeTokenMutationVariables>;
export const ChannelsDocument = new TypedDocumentString(`
    query Channels($range: DateRange!, $compareTo: DateRange, $dimension: Dimension!, $attribution: AttributionModel!, $granularity: Granularity) {
  performance(
    range: $range
    compareTo: $compareTo
    dimension: $dimension
    attribution: $attribution
    granularity: $granularity
  ) {
    ...PerformanceView
  }
}
    fragment MetricsView on Metrics {
  leads
  conversions
  revenue
  spend
  roi
  roas
  cpl
  cac
  conversionRate
}
fragment ChangeView on MetricsChange {
  leads {
    relative
  }
  conversions {
    relative
  }
  revenue {
    relative
  }
  spend {
    relative
  }
  roi {
    relative
  }
  roas {
    relative
  }
  cpl {
    relative
  }
  cac {
    relative
  }
  conversionRate {
    relative
  }
}
fragment PerformanceView on PerformanceReport {
  currency
  range {
    from
    to
  }
  compareTo {
    from
    to
  }
  rows {
    key
    label
    metrics {
      ...MetricsView
    }
    change {
      ...ChangeView
    }
  }
  totals {
    ...MetricsView
  }
  change {
    ...ChangeView
  }
  series {
    from
    to
    totals {
      leads
      conversions
      revenue
      spend
    }
  }
}`) as unknown as TypedDocumentString<ChannelsQuery, ChannelsQueryVariables>;
export const ChannelsLiveDocument = new TypedDocumentString(`
    subscription ChannelsLive($range: DateRange!, $compareTo: DateRange, $dimension: Dimension!, $attribution: AttributionModel!, $granularity: Granularity) {
  performanceUpdates(
    range: $range
    compareTo: $compareTo
    dimension: $dimension
    attribution: $attribution
    granularity: $granularity
  ) {
    ...PerformanceView
  }
}
    fragment MetricsView on Metrics {
  leads
  conversions
  revenue
  spend
  roi
  roas
  cpl
  cac
  conversionRate
}
fragment ChangeView on MetricsChange {
  leads {
    relative
  }
  conversions {
    relative
  }
  revenue {
    relative
  }
  spend {
    relative
  }
  roi {
    relative
  }
  roas {
    relative
  }
  cpl {
    relative
  }
  cac {
    relative
  }
  conversionRate {
    relative
  }
}
fragment PerformanceView on PerformanceReport {
  currency
  range {
    from
    to
  }
  compareTo {
    from
    to
  }
  rows {
    key
    label
    metrics {
      ...MetricsView
    }
    change {
      ...ChangeView
    }
  }
  totals {
    ...MetricsView
  }
  change {
    ...ChangeView
  }
  series {
    from
    to
    totals {
      leads
      conversions
      revenue
      spend
    }
  }
}`) as unknown as TypedDocumentString<ChannelsLiveSubscription, ChannelsLiveSubscriptionVariables>;