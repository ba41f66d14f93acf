import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Browser notifications for things an agent must not miss while looking at another tab.
 * Permission is only ever asked from a user gesture (the host calls `request()` on a click).
 */
export class NotificationController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected() {}

  get supported(): boolean {
    return typeof Notification !== 'undefined';
  }

  get permission(): NotificationPermission | 'unsupported' {
    return this.supported ? Notification.permission : 'unsupported';
  }

  async request(): Promise<void> {
    if (this.supported && Notification.permission === 'default') await Notification.requestPermission();
    this.host.requestUpdate();
  }

  /** Shows a notification when allowed and the page is not in view; `tag` replaces an older one. */
  notify(title: string, body: string, tag: string): void {
    if (this.permission !== 'granted' || document.visibilityState === 'visible') return;
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  }
}
