import type { AttributionModel } from '../gql/graphql';

export const MODELS: [AttributionModel, string][] = [
  ['FIRST_TOUCH', 'First touch'],
  ['LAST_TOUCH', 'Last touch'],
  ['LAST_NON_DIRECT', 'Last non-direct'],
  ['LINEAR', 'Linear'],
  ['TIME_DECAY', 'Time decay'],
  ['POSITION_BASED', 'Position-based'],
  ['MARKOV', 'Markov'],
  ['SHAPLEY', 'Shapley'],
];
