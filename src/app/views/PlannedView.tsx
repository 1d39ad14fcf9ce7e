import type { Route } from '../routes';

/** A view whose widgets are still being built: says what it will show. */
export function PlannedView({ route }: { route: Route }) {
  return (
    <div className="prose planned">
      <p className="notice notice-info" role="note">
        This view is under construction. Here is what it will show:
      </p>
      <ul>
        {route.planned.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
