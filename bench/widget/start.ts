/**
 * Widget start in Chromium: a page with only <chat-widget> (pages/widget-start.html) loaded in a
 * fresh browser context each time. Launcher painted = the first contentful paint, the only
 * thing on the page, measured from the start of the bundle's evaluation (pages/eval-mark.js runs
 * just before it) and from the end of its download. Then a click on the launcher until the start
 * form (shown once the relay's welcome arrived) is in the DOM, and the next frame.
 */
import type { Browser } from 'playwright-core';

export interface WidgetStartLoad {
  /** Bundle evaluation starts → first contentful paint, ms. */
  evaluationToPaint: number;
  /** Bundle downloaded (responseEnd) → first contentful paint, ms. */
  scriptToPaint: number;
  /** Bundle downloaded → its evaluation starts (compiling the module graph), ms. */
  scriptToEvaluation: number;
  /** Evaluation starts → the element is defined, ms. */
  evaluationToDefined: number;
  /** Navigation start → first contentful paint, ms. */
  navigationToPaint: number;
  definedToRendered: number;
  /** Launcher click → start or message form in the DOM (connected, queue status and the conversation view's chunk received), ms. */
  clickToReady: number;
  /** … → the next animation frame. */
  clickToFrame: number;
}

/** `beforeLoad` runs before each load (the run waits there for the machine to be quiet). */
export async function widgetStart(browser: Browser, origin: string, relayWsUrl: string, loads: number, beforeLoad: () => Promise<unknown>): Promise<WidgetStartLoad[]> {
  const results: WidgetStartLoad[] = [];
  for (let i = 0; i < loads; i++) {
    await beforeLoad();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${origin}/pages/widget-start.html?relay=${encodeURIComponent(relayWsUrl)}`);
      await page.waitForFunction(() => {
        const t = (window as unknown as { __timing: Record<string, number> }).__timing;
        return t.fcp !== undefined && t.frame !== undefined;
      }, undefined, { timeout: 10_000 });
      const load = await page.evaluate(() => {
        const t = (window as unknown as { __timing: Record<string, number> }).__timing;
        const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/dist/chat-widget.js')) as PerformanceResourceTiming;
        return {
          evaluationToPaint: t.fcp! - t.evaluating!,
          scriptToPaint: t.fcp! - script.responseEnd,
          scriptToEvaluation: t.evaluating! - script.responseEnd,
          evaluationToDefined: t.defined! - t.evaluating!,
          definedToRendered: t.rendered! - t.defined!,
          navigationToPaint: t.fcp!,
          paintedAfterRender: t.fcp! >= t.rendered!,
        };
      });
      if (!load.paintedAfterRender) throw new Error('the first paint came before the launcher rendered: something else paints on the page');
      const click = await page.evaluate(
        () =>
          new Promise<{ clickToReady: number; clickToFrame: number }>((resolve, reject) => {
            const root = document.querySelector('chat-widget')!.shadowRoot!;
            const started = performance.now();
            const timer = setTimeout(() => reject(new Error('no start or message form within 10 s')), 10_000);
            const observer = new MutationObserver(() => {
              // With nobody available the message form stands in for the start form (Q8): either means ready.
              if (!root.querySelector('[part=start-form], [part=offline-form]')) return;
              observer.disconnect();
              clearTimeout(timer);
              const ready = performance.now() - started;
              requestAnimationFrame(() => resolve({ clickToReady: ready, clickToFrame: performance.now() - started }));
            });
            observer.observe(root, { childList: true, subtree: true });
            root.querySelector<HTMLButtonElement>('[part=launcher]')!.click();
          }),
      );
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      const { paintedAfterRender: _, ...figures } = load;
      results.push({ ...figures, ...click });
    } finally {
      await context.close();
    }
  }
  return results;
}
