// The one pattern for store, station and chain ids, and for the broker's URL, lives with the contract, which the wizard's input also uses.
export { brokerUrlSchema, stationIdSchema } from '../api/input-schemas';
