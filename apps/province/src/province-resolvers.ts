import { IndicatorResolver } from './office/indicator.resolver';
import { OfficeResolver } from './office/office.resolver';

/** Every resolver of the node's local API: the app registers these and its schema is generated from them. */
export const PROVINCE_RESOLVERS = [OfficeResolver, IndicatorResolver];
