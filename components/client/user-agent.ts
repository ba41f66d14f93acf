export interface BrowserWords {
  browser?: string;
  system?: string;
  device: 'desktop' | 'mobile' | 'tablet';
}

const browsers: Array<[RegExp, string]> = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
];

const systems: Array<[RegExp, string]> = [
  [/Windows NT/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A user-agent string in a few words for agents (C4): "Firefox 128", "Android", phone. Order matters: Edge says Chrome too. */
export function describeUserAgent(userAgent: string): BrowserWords {
  const words: BrowserWords = { device: /iPad|Tablet/.test(userAgent) || (/Android/.test(userAgent) && !/Mobile/.test(userAgent)) ? 'tablet' : /Mobi|iPhone/.test(userAgent) ? 'mobile' : 'desktop' };
  for (const [pattern, name] of browsers) {
    const match = pattern.exec(userAgent);
    if (match) {
      words.browser = `${name} ${match[1]}`;
      break;
    }
  }
  const system = systems.find(([pattern]) => pattern.test(userAgent));
  if (system) words.system = system[1];
  return words;
}
