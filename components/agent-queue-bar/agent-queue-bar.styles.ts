import { css } from 'lit';
import { proactiveMarkStyles } from './proactive-mark.js';

export const styles = css`
  :host {
    display: block;
    background: var(--tiski-queue-bar-background, var(--_surface));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.6rem 0.8rem;
    font-size: 0.9rem;
  }
  .header {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    flex-wrap: wrap;
  }
  .me {
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    min-width: 1.6em;
    padding: 0 0.45em;
    border-radius: 999px;
    background: var(--_waiting);
    color: #fff;
    text-align: center;
    font-weight: 600;
  }
  .offline {
    color: var(--_danger);
    font-weight: 600;
  }
  .status {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  fieldset {
    border: none;
    margin: 0.4rem 0 0;
    padding: 0;
    display: flex;
    gap: 0.8rem;
    flex-wrap: wrap;
    align-items: center;
  }
  ul.queues {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  li.queue {
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_success);
    border-radius: var(--_radius);
    padding: 0.4rem 0.6rem;
    min-width: 14rem;
  }
  li.queue.waiting {
    border-left-color: var(--_waiting);
    background: var(--tiski-queue-waiting-background, #eaf2fd);
  }
  li.queue.closed {
    border-left-color: var(--_danger);
  }
  .state {
    font-size: 0.8rem;
    font-weight: 600;
  }
  .state.open {
    color: var(--_success);
  }
  .state.closed {
    color: var(--_danger);
  }
  .state.waiting {
    color: var(--_waiting);
  }
  .presence select {
    font: inherit;
    margin-left: 0.3rem;
  }
  .no-answer {
    color: var(--_danger);
    font-weight: 600;
  }
  .offer {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: 0.5rem 0.75rem;
    margin: 0.5rem 0;
    background: var(--tiski-offer-background, #f3f7fe);
  }
  .offer h3 {
    margin: 0 0 0.25rem;
    font-size: 0.95rem;
  }
  .offer p {
    margin: 0.2rem 0;
  }
  .offer blockquote,
  .preview {
    margin: 0.25rem 0;
    font-style: italic;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .preview {
    display: block;
    font-size: 0.8rem;
  }
  .offer-actions,
  .queue-actions {
    display: flex;
    gap: 0.4rem;
    margin-top: 0.35rem;
  }
  .alert {
    margin: 0.4rem 0;
    padding: 0.35rem 0.6rem;
    border-radius: var(--_radius);
    background: var(--tiski-alert-background, #fff4e5);
    display: flex;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
  }
  ol.log {
    margin: 0.4rem 0 0;
    padding: 0.3rem 0 0;
    list-style: none;
    border-top: 1px solid var(--_border);
    max-height: 12rem;
    overflow-y: auto;
    font-size: 0.8rem;
  }
  ol.log time {
    color: var(--_muted);
    margin-right: 0.4rem;
  }
  .media {
    margin-right: 0.25rem;
  }
  .who {
    min-width: 0;
  }
  .queue-head {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
  }
  .queue-name {
    font-weight: 600;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.8rem;
  }
  ol.waiting {
    margin: 0.3rem 0 0;
    padding: 0;
    list-style: none;
  }
  ol.waiting li {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.15rem 0;
  }
  .stats {
    margin-top: 0.5rem;
    border-top: 1px solid var(--_border);
    padding-top: 0.5rem;
    font-size: 0.85rem;
  }
  .stats-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.3rem;
  }
  .stats-head button {
    padding: 0.2em 0.6em;
  }
  .stats-head button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .figures {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.15rem 0.6rem;
    margin: 0.5rem 0;
  }
  .figures dt {
    color: var(--_muted);
  }
  .figures dd {
    margin: 0;
  }
  .chart {
    margin: 0.4rem 0;
  }
  .chart svg {
    display: block;
    width: 100%;
    height: 4rem;
    border-bottom: 1px solid var(--_border);
  }
  .chart .served {
    fill: var(--tiski-chart-served, var(--_accent));
  }
  .chart .abandoned {
    fill: var(--tiski-chart-abandoned, var(--_danger));
  }
  .chart figcaption {
    color: var(--_muted);
    font-size: 0.75rem;
  }
  .stats-agents {
    border-collapse: collapse;
    width: 100%;
  }
  .stats-agents caption {
    text-align: start;
    font-weight: 600;
  }
  .stats-agents th,
  .stats-agents td {
    text-align: start;
    padding: 0.1rem 0.4rem 0.1rem 0;
  }
  ${proactiveMarkStyles}
  .visitors {
    margin: 0.5rem 0;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .visitors h3 {
    margin: 0 0 0.3rem;
    font-size: 0.95rem;
  }
  .visitor-list {
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: 20rem;
    overflow-y: auto;
  }
  .visitor {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.1rem 0.5rem;
    align-items: center;
    padding: 0.3rem 0;
    border-top: 1px solid var(--_border);
  }
  .visitor > :not(button) {
    grid-column: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .visitor > button {
    grid-column: 2;
    grid-row: 1 / span 2;
  }
  .visitor .page {
    font-weight: 600;
  }
  .invitation-status {
    font-size: 0.8rem;
  }
  .invitation-status:empty {
    display: none;
  }
  .visitor > .invitation-form {
    grid-column: 1 / -1;
    display: grid;
    gap: 0.3rem;
    margin-top: 0.3rem;
  }
  .invitation-form label {
    display: grid;
    gap: 0.15rem;
  }
  .invitation-form select,
  .invitation-form textarea {
    font: inherit;
  }
  .invitation-form textarea {
    resize: vertical;
  }
`;
