import { useHashValue } from './hash';
import { routeFromHash, type Route } from './routes';

/** The current view, following the location hash. */
export function useHashRoute(): Route {
  return routeFromHash(useHashValue((hash) => hash));
}
