window.__timing.evaluating = performance.now();
