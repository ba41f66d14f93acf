import { html } from 'lit';

/** A small fixed set: the picker costs the widget a few hundred bytes and no library. */
export const emoji = [...'😀😃😄😁😆😅😂🙂😉😊😇😍🤩😘😋😎🤔🤨😐😶🙄😏😌😴😮😯😲😳🥺😢😭😤😡🤯😱👍👎👌✌️🤞👏🙌🙏💪👋🤝👀❤️💔🎉✨🔥⭐✅❌❓❗⚠️💡📎📞📧📅🕒🚀☕'.matchAll(/\p{Extended_Pictographic}\uFE0F?/gu)].map((m) => m[0]);

export interface EmojiPickerOptions {
  label: string;
  choose: (emoji: string) => void;
  close: () => void;
}

/** A grid of emoji buttons; arrow keys move, Escape closes. */
export function renderEmojiPicker({ label, choose, close }: EmojiPickerOptions) {
  const keydown = (e: KeyboardEvent) => {
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll('button')];
    const index = buttons.indexOf(e.target as HTMLButtonElement);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 8, ArrowUp: -8 }[e.key];
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (step && index >= 0) {
      e.preventDefault();
      buttons[Math.min(buttons.length - 1, Math.max(0, index + step))]?.focus();
    }
  };
  return html`<div part="emoji-picker" class="emoji-picker" role="group" aria-label=${label} @keydown=${keydown}>
    ${emoji.map((e) => html`<button type="button" @click=${() => choose(e)}>${e}</button>`)}
  </div>`;
}
