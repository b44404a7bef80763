// The one pattern for store, station and chain ids lives with the contract, which the wizard's input also uses.
export { stationIdSchema } from '../api/input-schemas';
