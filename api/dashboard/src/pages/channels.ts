// The Channels page's operations: the performance report with its previous period, and the
// same answer pushed live.
import { graphql } from '../gql';

export const ChannelsDoc = graphql(`
  query Channels(
    $range: DateRange!
    $compareTo: DateRange
    $dimension: Dimension!
    $attribution: AttributionModel!
    $granularity: Granularity
  ) {
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
`);

graphql(`
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
`);

graphql(`
  fragment ChangeView on MetricsChange {
    leads { relative }
    conversions { relative }
    revenue { relative }
    spend { relative }
    roi { relative }
    roas { relative }
    cpl { relative }
    cac { relative }
    conversionRate { relative }
  }
`);

graphql(`
  fragment PerformanceView on PerformanceReport {
    currency
    range { from to }
    compareTo { from to }
    rows {
      key
      label
      metrics { ...MetricsView }
      change { ...ChangeView }
    }
    totals { ...MetricsView }
    change { ...ChangeView }
    series {
      from
      to
      totals { leads conversions revenue spend }
    }
  }
`);
