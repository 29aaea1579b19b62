/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      role\n      user { email }\n      workspace { name }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Refresh($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      role\n      user { email }\n      workspace { name }\n    }\n  }\n": typeof types.RefreshDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.LogoutDocument,
    "\n  query AttributionComparison($range: DateRange!, $models: [AttributionModel!]!) {\n    attributionComparison(range: $range, models: $models) {\n      conversions\n      revenue\n      models\n      channels {\n        label\n        minConversions\n        maxConversions\n        minRevenue\n        maxRevenue\n        credits { model conversions revenue share }\n      }\n    }\n  }\n": typeof types.AttributionComparisonDocument,
    "\n  query Budget(\n    $range: DateRange!\n    $totalBudget: Decimal\n    $attribution: AttributionModel!\n    $constraints: [ChannelConstraint!]\n    $maxChangePct: Float!\n  ) {\n    budgetSuggestions(\n      range: $range\n      totalBudget: $totalBudget\n      attribution: $attribution\n      constraints: $constraints\n      maxChangePct: $maxChangePct\n    ) {\n      currency\n      totalBudget\n      totalCurrent\n      totalSuggested\n      expectedRevenueNow\n      expectedRevenueAtSuggestion\n      liftPct\n      profitMaximizing { totalBudget expectedRevenue expectedProfit }\n      suggestions {\n        key\n        label\n        channel { id }\n        currentSpend\n        suggestedSpend\n        change\n        changePct\n        currentRoi\n        marginalRoiNow\n        marginalRoiAtSuggestion\n        currentWeeklySpend\n        suggestedWeeklySpend\n        fit { kind rSquared points }\n        keptBecause\n        bound\n        reason\n        weeklyPoints { spend revenue }\n        curve { weeklySpend weeklyRevenue }\n        currentOnCurve { weeklySpend weeklyRevenue }\n        suggestedOnCurve { weeklySpend weeklyRevenue }\n      }\n    }\n  }\n": typeof types.BudgetDocument,
    "\n  query Leads($first: Int!, $search: String) {\n    leads(first: $first, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        externalId\n        name\n        email\n        company\n        status\n        createdAt\n        channel { name }\n      }\n    }\n  }\n": typeof types.LeadsDocument,
    "\n  query Lead($id: ID!) {\n    lead(id: $id) {\n      id\n      externalId\n      name\n      email\n      company\n      status\n      createdAt\n      channel { name }\n      source { source medium campaign referrer landingPage }\n      touchpoints {\n        id\n        occurredAt\n        channel { name }\n        campaign { name }\n        utm { source medium campaign }\n      }\n      conversions { id occurredAt kind revenue }\n    }\n  }\n": typeof types.LeadDocument,
    "\n  query Pacing($range: DateRange!, $asOf: Date) {\n    budgetPacing(range: $range, asOf: $asOf) {\n      budgetId\n      campaignName\n      periodStart\n      periodEnd\n      planned\n      spentToDate\n      projected\n      projectedRemaining\n      elapsedDays\n      totalDays\n      status\n    }\n  }\n": typeof types.PacingDocument,
    "\n  query Tokens {\n    apiTokens { id name prefix scopes createdAt lastUsedAt expiresAt revokedAt }\n  }\n": typeof types.TokensDocument,
    "\n  mutation CreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { secret token { id name } }\n  }\n": typeof types.CreateTokenDocument,
    "\n  mutation RevokeToken($id: ID!) {\n    revokeApiToken(id: $id) { id revokedAt }\n  }\n": typeof types.RevokeTokenDocument,
    "\n  query Channels(\n    $range: DateRange!\n    $compareTo: DateRange\n    $dimension: Dimension!\n    $attribution: AttributionModel!\n    $granularity: Granularity\n  ) {\n    performance(\n      range: $range\n      compareTo: $compareTo\n      dimension: $dimension\n      attribution: $attribution\n      granularity: $granularity\n    ) {\n      ...PerformanceView\n    }\n  }\n": typeof types.ChannelsDocument,
    "\n  fragment MetricsView on Metrics {\n    leads\n    conversions\n    revenue\n    spend\n    roi\n    roas\n    cpl\n    cac\n    conversionRate\n  }\n": typeof types.MetricsViewFragmentDoc,
    "\n  fragment ChangeView on MetricsChange {\n    leads { relative }\n    conversions { relative }\n    revenue { relative }\n    spend { relative }\n    roi { relative }\n    roas { relative }\n    cpl { relative }\n    cac { relative }\n    conversionRate { relative }\n  }\n": typeof types.ChangeViewFragmentDoc,
    "\n  fragment PerformanceView on PerformanceReport {\n    currency\n    range { from to }\n    compareTo { from to }\n    rows {\n      key\n      label\n      metrics { ...MetricsView }\n      change { ...ChangeView }\n    }\n    totals { ...MetricsView }\n    change { ...ChangeView }\n    series {\n      from\n      to\n      totals { leads conversions revenue spend }\n    }\n  }\n": typeof types.PerformanceViewFragmentDoc,
    "\n  subscription ChannelsLive(\n    $range: DateRange!\n    $compareTo: DateRange\n    $dimension: Dimension!\n    $attribution: AttributionModel!\n    $granularity: Granularity\n  ) {\n    performanceUpdates(\n      range: $range\n      compareTo: $compareTo\n      dimension: $dimension\n      attribution: $attribution\n      granularity: $granularity\n    ) {\n      ...PerformanceView\n    }\n  }\n": typeof types.ChannelsLiveDocument,
};
const documents: Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      role\n      user { email }\n      workspace { name }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Refresh($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      role\n      user { email }\n      workspace { name }\n    }\n  }\n": types.RefreshDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.LogoutDocument,
    "\n  query AttributionComparison($range: DateRange!, $models: [AttributionModel!]!) {\n    attributionComparison(range: $range, models: $models) {\n      conversions\n      revenue\n      models\n      channels {\n        label\n        minConversions\n        maxConversions\n        minRevenue\n        maxRevenue\n        credits { model conversions revenue share }\n      }\n    }\n  }\n": types.AttributionComparisonDocument,
    "\n  query Budget(\n    $range: DateRange!\n    $totalBudget: Decimal\n    $attribution: AttributionModel!\n    $constraints: [ChannelConstraint!]\n    $maxChangePct: Float!\n  ) {\n    budgetSuggestions(\n      range: $range\n      totalBudget: $totalBudget\n      attribution: $attribution\n      constraints: $constraints\n      maxChangePct: $maxChangePct\n    ) {\n      currency\n      totalBudget\n      totalCurrent\n      totalSuggested\n      expectedRevenueNow\n      expectedRevenueAtSuggestion\n      liftPct\n      profitMaximizing { totalBudget expectedRevenue expectedProfit }\n      suggestions {\n        key\n        label\n        channel { id }\n        currentSpend\n        suggestedSpend\n        change\n        changePct\n        currentRoi\n        marginalRoiNow\n        marginalRoiAtSuggestion\n        currentWeeklySpend\n        suggestedWeeklySpend\n        fit { kind rSquared points }\n        keptBecause\n        bound\n        reason\n        weeklyPoints { spend revenue }\n        curve { weeklySpend weeklyRevenue }\n        currentOnCurve { weeklySpend weeklyRevenue }\n        suggestedOnCurve { weeklySpend weeklyRevenue }\n      }\n    }\n  }\n": types.BudgetDocument,
    "\n  query Leads($first: Int!, $search: String) {\n    leads(first: $first, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        externalId\n        name\n        email\n        company\n        status\n        createdAt\n        channel { name }\n      }\n    }\n  }\n": types.LeadsDocument,
    "\n  query Lead($id: ID!) {\n    lead(id: $id) {\n      id\n      externalId\n      name\n      email\n      company\n      status\n      createdAt\n      channel { name }\n      source { source medium campaign referrer landingPage }\n      touchpoints {\n        id\n        occurredAt\n        channel { name }\n        campaign { name }\n        utm { source medium campaign }\n      }\n      conversions { id occurredAt kind revenue }\n    }\n  }\n": types.LeadDocument,
    "\n  query Pacing($range: DateRange!, $asOf: Date) {\n    budgetPacing(range: $range, asOf: $asOf) {\n      budgetId\n      campaignName\n      periodStart\n      periodEnd\n      planned\n      spentToDate\n      projected\n      projectedRemaining\n      elapsedDays\n      totalDays\n      status\n    }\n  }\n": types.PacingDocument,
    "\n  query Tokens {\n    apiTokens { id name prefix scopes createdAt lastUsedAt expiresAt revokedAt }\n  }\n": types.TokensDocument,
    "\n  mutation CreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { secret token { id name } }\n  }\n": types.CreateTokenDocument,
    "\n  mutation RevokeToken($id: ID!) {\n    revokeApiToken(id: $id) { id revokedAt }\n  }\n": types.RevokeTokenDocument,
    "\n  query Channels(\n    $range: DateRange!\n    $compareTo: DateRange\n    $dimension: Dimension!\n    $attribution: AttributionModel!\n    $granularity: Granularity\n  ) {\n    performance(\n      range: $range\n      compareTo: $compareTo\n      dimension: $dimension\n      attribution: $attribution\n      granularity: $granularity\n    ) {\n      ...PerformanceView\n    }\n  }\n": types.ChannelsDocument,
    "\n  fragment MetricsView on Metrics {\n    leads\n    conversions\n    revenue\n    spend\n    roi\n    roas\n    cpl\n    cac\n    conversionRate\n  }\n": types.MetricsViewFragmentDoc,
    "\n  fragment ChangeView on MetricsChange {\n    leads { relative }\n    conversions { relative }\n    revenue { relative }\n    spend { relative }\n    roi { relative }\n    roas { relative }\n    cpl { relative }\n    cac { relative }\n    conversionRate { relative }\n  }\n": types.ChangeViewFragmentDoc,
    "\n  fragment PerformanceView on PerformanceReport {\n    currency\n    range { from to }\n    compareTo { from to }\n    rows {\n      key\n      label\n      metrics { ...MetricsView }\n      change { ...ChangeView }\n    }\n    totals { ...MetricsView }\n    change { ...ChangeView }\n    series {\n      from\n      to\n      totals { leads conversions revenue spend }\n    }\n  }\n": types.PerformanceViewFragmentDoc,
    "\n  subscription ChannelsLive(\n    $range: DateRange!\n    $compareTo: DateRange\n    $dimension: Dimension!\n    $attribution: AttributionModel!\n    $granularity: Granularity\n  ) {\n    performanceUpdates(\n      range: $range\n      compareTo: $compareTo\n      dimension: $dimension\n      attribution: $attribution\n      granularity: $granularity\n    ) {\n      ...PerformanceView\n    }\n  }\n": types.ChannelsLiveDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      role\n      user { email }\n      workspace { name }\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Refresh($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      role\n      user { email }\n      workspace { name }\n    }\n  }\n"): typeof import('./graphql').RefreshDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AttributionComparison($range: DateRange!, $models: [AttributionModel!]!) {\n    attributionComparison(range: $range, models: $models) {\n      conversions\n      revenue\n      models\n      channels {\n        label\n        minConversions\n        maxConversions\n        minRevenue\n        maxRevenue\n        credits { model conversions revenue share }\n      }\n    }\n  }\n"): typeof import('./graphql').AttributionComparisonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Budget(\n    $range: DateRange!\n    $totalBudget: Decimal\n    $attribution: AttributionModel!\n    $constraints: [ChannelConstraint!]\n    $maxChangePct: Float!\n  ) {\n    budgetSuggestions(\n      range: $range\n      totalBudget: $totalBudget\n      attribution: $attribution\n      constraints: $constraints\n      maxChangePct: $maxChangePct\n    ) {\n      currency\n      totalBudget\n      totalCurrent\n      totalSuggested\n      expectedRevenueNow\n      expectedRevenueAtSuggestion\n      liftPct\n      profitMaximizing { totalBudget expectedRevenue expectedProfit }\n      suggestions {\n        key\n        label\n        channel { id }\n        currentSpend\n        suggestedSpend\n        change\n        changePct\n        currentRoi\n        marginalRoiNow\n        marginalRoiAtSuggestion\n        currentWeeklySpend\n        suggestedWeeklySpend\n        fit { kind rSquared points }\n        keptBecause\n        bound\n        reason\n        weeklyPoints { spend revenue }\n        curve { weeklySpend weeklyRevenue }\n        currentOnCurve { weeklySpend weeklyRevenue }\n        suggestedOnCurve { weeklySpend weeklyRevenue }\n      }\n    }\n  }\n"): typeof import('./graphql').BudgetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Leads($first: Int!, $search: String) {\n    leads(first: $first, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        externalId\n        name\n        email\n        company\n        status\n        createdAt\n        channel { name }\n      }\n    }\n  }\n"): typeof import('./graphql').LeadsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Lead($id: ID!) {\n    lead(id: $id) {\n      id\n      externalId\n      name\n      email\n      company\n      status\n      createdAt\n      channel { name }\n      source { source medium campaign referrer landingPage }\n      touchpoints {\n        id\n        occurredAt\n        channel { name }\n        campaign { name }\n        utm { source medium campaign }\n      }\n      conversions { id occurredAt kind revenue }\n    }\n  }\n"): typeof import('./graphql').LeadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Pacing($range: DateRange!, $asOf: Date) {\n    budgetPacing(range: $range, asOf: $asOf) {\n      budgetId\n      campaignName\n      periodStart\n      periodEnd\n      planned\n      spentToDate\n      projected\n      projectedRemaining\n      elapsedDays\n      totalDays\n      status\n    }\n  }\n"): typeof import('./graphql').PacingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tokens {\n    apiTokens { id name prefix scopes createdAt lastUsedAt expiresAt revokedAt }\n  }\n"): typeof import('./graphql').TokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { secret token { id name } }\n  }\n"): typeof import('./graphql').CreateTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeToken($id: ID!) {\n    revokeApiToken(id: $id) { id revokedAt }\n  }\n"): typeof import('./graphql').RevokeTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Channels(\n    $range: DateRange!\n    $compareTo: DateRange\n    $dimension: Dimension!\n    $attribution: AttributionModel!\n    $granularity: Granularity\n  ) {\n    performance(\n      range: $range\n      compareTo: $compareTo\n      dimension: $dimension\n      attribution: $attribution\n      granularity: $granularity\n    ) {\n      ...PerformanceView\n    }\n  }\n"): typeof import('./graphql').ChannelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MetricsView on Metrics {\n    leads\n    conversions\n    revenue\n    spend\n    roi\n    roas\n    cpl\n    cac\n    conversionRate\n  }\n"): typeof import('./graphql').MetricsViewFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChangeView on MetricsChange {\n    leads { relative }\n    conversions { relative }\n    revenue { relative }\n    spend { relative }\n    roi { relative }\n    roas { relative }\n    cpl { relative }\n    cac { relative }\n    conversionRate { relative }\n  }\n"): typeof import('./graphql').ChangeViewFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PerformanceView on PerformanceReport {\n    currency\n    range { from to }\n    compareTo { from to }\n    rows {\n      key\n      label\n      metrics { ...MetricsView }\n      change { ...ChangeView }\n    }\n    totals { ...MetricsView }\n    change { ...ChangeView }\n    series {\n      from\n      to\n      totals { leads conversions revenue spend }\n    }\n  }\n"): typeof import('./graphql').PerformanceViewFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ChannelsLive(\n    $range: DateRange!\n    $compareTo: DateRange\n    $dimension: Dimension!\n    $attribution: AttributionModel!\n    $granularity: Granularity\n  ) {\n    performanceUpdates(\n      range: $range\n      compareTo: $compareTo\n      dimension: $dimension\n      attribution: $attribution\n      granularity: $granularity\n    ) {\n      ...PerformanceView\n    }\n  }\n"): typeof import('./graphql').ChannelsLiveDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
