import { html, nothing, svg } from 'lit';
import type { DurationSummary, StatsPoint, StatsRange, StatsReport } from '../../protocol/stats.js';
import type { Translation } from '../i18n/translation.js';

export interface QueueStatsView {
  t: Translation;
  queueName: string;
  range: StatsRange;
  report?: StatsReport | undefined;
  duration: (seconds: number) => string;
  setRange: (range: StatsRange) => void;
  refresh: () => void;
}

const ranges: readonly StatsRange[] = ['today', '7d', '30d'];

/** A queue's statistics for operators (Q5): the range, the figures in words and numbers, and a small chart. */
export function renderQueueStats(view: QueueStatsView) {
  const { t, report } = view;
  return html`<section part="queue-stats" class="stats" aria-label=${t.statsTitle(view.queueName)}>
    <div class="stats-head">
      <div role="group" aria-label=${t.statsRangeLabel}>
        ${ranges.map(
          (range) => html`<button part="stats-range" aria-pressed=${range === view.range ? 'true' : 'false'} @click=${() => view.setRange(range)}>
            ${t.statsRange[range]}
          </button>`,
        )}
      </div>
      <button part="stats-refresh" @click=${view.refresh}>${t.reload}</button>
    </div>
    ${report ? renderReport(report, view) : html`<p class="meta" role="status">${t.connecting}</p>`}
  </section>`;
}

function renderReport(report: StatsReport, view: QueueStatsView) {
  const { t } = view;
  const f = report.totals;
  const count = (label: string, value: number) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const time = (label: string, summary: DurationSummary) =>
    html`<dt>${label}</dt>
      <dd>${summary.count ? t.durationFigures(view.duration(summary.average ?? 0), view.duration(summary.median ?? 0), view.duration(summary.p90 ?? 0)) : '–'}</dd>`;
  return html`<dl part="stats-figures" class="figures">
      ${count(t.statsLabels.offered, f.offered)} ${count(t.statsLabels.accepted, f.accepted)} ${count(t.statsLabels.rejected, f.rejected)}
      ${count(t.statsLabels.timedOut, f.timedOut)} ${count(t.statsLabels.handled, f.handled)} ${count(t.statsLabels.abandoned, f.abandoned)}
      ${count(t.statsLabels.transferred, f.transferred)} ${time(t.statsLabels.wait, f.wait)}
      <dt>${t.statsLabels.longestWait}</dt><dd>${f.wait.max === undefined ? '–' : view.duration(f.wait.max)}</dd>
      ${time(t.statsLabels.handling, f.handling)} ${time(t.statsLabels.abandonedAfter, f.abandonedAfter)}
      <dt>${t.statsLabels.ratings}</dt><dd>${f.ratings.count ? t.ratingFigures(f.ratings.average ?? 0, f.ratings.count) : '–'}</dd>
    </dl>
    ${renderChart(report.series, view)}
    ${report.agents.length
      ? html`<table part="stats-agents" class="stats-agents">
          <caption>${t.statsByAgent}</caption>
          <thead><tr><th scope="col">${t.agentsHeading}</th><th scope="col">${t.statsLabels.accepted}</th><th scope="col">${t.statsLabels.handled}</th><th scope="col">${t.statsLabels.handling}</th></tr></thead>
          <tbody>
            ${report.agents.map(
              (a) => html`<tr><th scope="row">${a.name}</th><td>${a.figures.accepted}</td><td>${a.figures.handled}</td><td>${a.figures.handling.count ? view.duration(a.figures.handling.average ?? 0) : '–'}</td></tr>`,
            )}
          </tbody>
        </table>`
      : nothing}`;
}

/** Conversations per hour or day as bars: served (accepted) above, abandoned in the danger colour. Inline SVG, no library. */
function renderChart(series: readonly StatsPoint[], view: QueueStatsView) {
  const { t } = view;
  const width = 240;
  const height = 60;
  const top = Math.max(1, ...series.map((p) => p.accepted + p.abandoned));
  const slot = width / Math.max(1, series.length);
  const summary = series.map((p) => t.chartPoint(p.label, p.accepted, p.abandoned)).join('; ');
  return html`<figure part="stats-chart" class="chart">
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label=${`${t.chartTitle(view.range)}: ${summary}`} preserveAspectRatio="none">
      ${series.map((p, i) => {
        const served = (p.accepted / top) * height;
        const abandoned = (p.abandoned / top) * height;
        const x = i * slot + slot * 0.15;
        const w = slot * 0.7;
        return svg`<rect class="served" x=${x} y=${height - served} width=${w} height=${served}></rect>
          <rect class="abandoned" x=${x} y=${height - served - abandoned} width=${w} height=${abandoned}></rect>`;
      })}
    </svg>
    <figcaption>${t.chartTitle(view.range)} · ${series[0]?.label ?? ''}–${series.at(-1)?.label ?? ''}</figcaption>
  </figure>`;
}
