// The live form of the Channels query (subscription performanceUpdates, same arguments as
// performance). Until the API's schema has the Subscription type this document is kept
// outside codegen; see README "Dashboard".
import { TypedDocumentString, type ChannelsQueryVariables, type ChannelsQuery } from '../gql/graphql';
import { ChannelsDoc } from './channels';

const fragments = ChannelsDoc.toString().slice(ChannelsDoc.toString().indexOf('fragment'));

export const liveChannelsDoc = new TypedDocumentString<{ performanceUpdates: ChannelsQuery['performance'] }, ChannelsQueryVariables>(`
subscription ChannelsLive($range: DateRange!, $compareTo: DateRange, $dimension: Dimension!, $attribution: AttributionModel!, $granularity: Granularity) {
  performanceUpdates(range: $range, compareTo: $compareTo, dimension: $dimension, attribution: $attribution, granularity: $granularity) {
    ...PerformanceView
  }
}
${fragments}`);
