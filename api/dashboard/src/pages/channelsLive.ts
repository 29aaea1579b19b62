// The live form of the Channels query: `performanceUpdates` takes the same arguments as
// `performance` and pushes the same report after each change of the workspace's data.
import { graphql } from '../gql';

export const liveChannelsDoc = graphql(`
  subscription ChannelsLive(
    $range: DateRange!
    $compareTo: DateRange
    $dimension: Dimension!
    $attribution: AttributionModel!
    $granularity: Granularity
  ) {
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
`);
