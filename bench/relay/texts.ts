/** Chat messages of 20–200 characters, as customers and agents write them, from a fixed seed. */

const openings = ['Hi,', 'Hello,', 'Thanks,', 'Okay,', 'Sure,', 'Sorry,', 'Good morning,', 'One moment,', 'Right,', 'I see,'];
const phrases = [
  'my invoice for March looks higher than usual',
  'could you check the order I placed last week',
  'the parcel tracking has not moved since Monday',
  'I would like to change the delivery address',
  'let me look that up for you',
  'I can see the payment went through yesterday',
  'the app keeps logging me out when I open settings',
  'is it possible to get a refund instead',
  'your contract renews automatically at the end of the month',
  'I have sent you a link to reset the password',
  'the meter reading was taken on the fifth',
  'we can move the appointment to Thursday afternoon',
  'thank you for your patience',
  'is there anything else I can help you with',
  'the discount should apply from the next bill',
  'I tried that already and it did not help',
];
const closings = ['.', '?', '!', ' :)', '. Thanks!', '...'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` messages whose lengths are spread evenly over 20–200 characters. */
export function messageTexts(count: number, seed = 7): string[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () => {
    const target = 20 + Math.floor(random() * 181);
    let text = pick(openings);
    while (text.length < target) text += ` ${pick(phrases)}${text.length + 40 < target ? ',' : ''}`;
    text = text.slice(0, target - 1).trimEnd();
    return `${text}${pick(closings)}`.slice(0, 200);
  });
}
