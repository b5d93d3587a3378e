import { Link } from "@tanstack/react-router";
import type { PublicAwardSearch } from "../../routes/public/award-search.ts";

export interface Bar {
  key: string;
  label: string;
  count: number;
  /** The awarded list's filter this bar stands for: a click opens the list so filtered. */
  search: PublicAwardSearch;
}

/**
 * A horizontal bar chart in plain markup: each row is a link whose text is its label and number, and the bar is
 * decoration (aria-hidden), so a screen reader reads a list of numbers and no chart library loads.
 */
export function BarChart({
  title,
  tenant,
  bars,
  testId,
}: {
  title: string;
  tenant: string;
  bars: Bar[];
  testId: string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  return (
    <figure className="wm-chart" data-testid={testId}>
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <ul className="wm-bars">
        {bars.map((bar) => (
          <li key={bar.key}>
            <Link to="/offices/$tenant/awards" params={{ tenant }} search={bar.search} className="wm-bar">
              <span className="wm-bar-label">{bar.label}</span>
              <span className="wm-bar-track" aria-hidden="true">
                <span className="wm-bar-fill" style={{ width: `${(bar.count / max) * 100}%` }} />
              </span>
              <span className="wm-bar-count">{bar.count}</span>
            </Link>
          </li>
        ))}
      </ul>
    </figure>
  );
}
