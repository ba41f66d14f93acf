/**
 * Hostile text for the "text stays text" tests: the published families of cross-site scripting
 * payloads, written for this suite. Every payload that could run calls `__xss(<its id>)` (or, in
 * a few, sets `window.__xssHit`), so a test that defines `window.__xss` sees any execution and
 * knows which payload caused it. Written as templates: `CALL` stands for that call, and a function
 * gets the call to encode it as its family does.
 */

export interface XssPayload {
  /** 1-based, the argument the payload passes to `__xss`. */
  id: number;
  family: string;
  text: string;
}

type Template = string | ((call: string) => string);

/** Base64 of UTF-8 text, as data: URLs and `atob` carry it. */
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
const entities = (text: string, decimal = true) => [...text].map((c) => (decimal ? `&#${c.charCodeAt(0)};` : `&#x${c.charCodeAt(0).toString(16)};`)).join('');
const jsUnicode = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

const families: Record<string, Template[]> = {
  'script tags': [
    '<script>CALL</script>',
    '<SCRIPT>CALL</SCRIPT>',
    '<ScRiPt>CALL</sCrIpT>',
    '<script type="module">CALL</script>',
    '<script\ttype="text/javascript">CALL;</script>',
    '<script/x>CALL</script>',
    '<script src=data:text/javascript,CALL></script>',
    '<scr<script>ipt>CALL</scr</script>ipt>',
    '<<script>CALL;//<</script>',
    '<script>CALL<!--',
    '<script>CALL',
    '</script><script>CALL</script>',
    '--><script>CALL</script><!--',
    '</title><script>CALL</script>',
    '</textarea><script>CALL</script>',
    '</style><script>CALL</script>',
    '<script>/*</script>*/CALL</script>',
  ],
  'event handlers': [
    '<img src=x onerror=CALL>',
    '<IMG SRC=x ONERROR=CALL>',
    '<img src="x" onerror="CALL">',
    "<img src='x:y' onerror='CALL'>",
    '<img/src=x/onerror=CALL>',
    '<img\nsrc=x\nonerror=CALL>',
    '<img src=x onerror=CALL//',
    '<img src=x onerror=CALL />',
    '<img src=1 onerror=CALL style=display:none>',
    '<img srcset=",,,,,x" onerror=CALL>',
    '<picture><source srcset=x><img onerror=CALL></picture>',
    '<input type=image src=x onerror=CALL>',
    '<body onload=CALL>',
    '<body onpageshow=CALL>',
    '<body onhashchange=CALL><a href=#x>x</a>',
    '<frameset onload=CALL>',
    '<iframe onload=CALL>',
    '<video src=x onerror=CALL>',
    '<video><source onerror=CALL></video>',
    '<audio src=x onerror=CALL>',
    '<details open ontoggle=CALL>',
    '<marquee onstart=CALL>news</marquee>',
    '<input autofocus onfocus=CALL>',
    '<select autofocus onfocus=CALL></select>',
    '<textarea autofocus onfocus=CALL></textarea>',
    '<x contenteditable autofocus onfocus=CALL>edit</x>',
    '<a id=x tabindex=1 onfocus=CALL></a>',
    '<div onmouseover=CALL style="position:fixed;inset:0">cover</div>',
    '<div onpointerenter=CALL>hover</div>',
    '<div popover id=p onbeforetoggle=CALL>x</div><button popovertarget=p>open</button>',
    '<slot onslotchange=CALL></slot>',
    '<img src=x onerror="window.__xssHit=1">',
  ],
  'handler obfuscation': [
    (c) => `<img src=x onerror="${entities(c)}">`,
    (c) => `<img src=x onerror="${entities(c, false)}">`,
    (c) => `<img src=x onerror=${jsUnicode('__xss')}${c.slice(5)}>`,
    (c) => `<img src=x onerror=eval(atob('${base64(c)}'))>`,
    (c) => `<img src=x onerror=window['__x'+'ss'](${c.slice(6, -1)})>`,
    (c) => `<img src=x onerror=top[/__xss/.source](${c.slice(6, -1)})>`,
    (c) => `<img src=x onerror=(__xss)(${c.slice(6, -1)})>`,
    (c) => `<img src=x onerror=__xss\`${c.slice(6, -1)}\`>`,
    '<img src=x onerror="javascript:CALL">',
    (c) => `<img src=x onerror=setTimeout('${c}')>`,
  ],
  'svg': [
    '<svg onload=CALL>',
    '<svg/onload=CALL>',
    '<svg onload=CALL//',
    '<svg><script>CALL</script></svg>',
    '<svg><script href=data:,CALL />',
    '<svg><script xlink:href=data:,CALL></script>',
    '<svg><animate onbegin=CALL attributeName=x dur=1s>',
    '<svg><set onbegin=CALL attributename=x to=1>',
    '<svg><discard onbegin=CALL>',
    '<svg><a xlink:href="javascript:CALL"><text x=20 y=20>click</text></a></svg>',
    '<svg><animate attributeName=href values=javascript:CALL /><a><text y=1em>x</text></a></svg>',
    '<svg><foreignObject><img src=x onerror=CALL></foreignObject></svg>',
    '<svg><style><img src=x onerror=CALL></style></svg>',
    (c) => `<svg><use href="data:image/svg+xml;base64,${base64(`<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${c}'/></svg>`)}#x"/></svg>`,
  ],
  'mathml and mutation': [
    '<math href="javascript:CALL">click</math>',
    '<math><maction actiontype="statusline" xlink:href="javascript:CALL">x</maction></math>',
    '<math><mtext><table><mglyph><style><img src=x onerror=CALL>',
    '<form><math><mtext></form><form><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=CALL src=1>">',
    '<noscript><p title="</noscript><img src=x onerror=CALL>">',
    '</xmp><img src=x onerror=CALL>',
    '<plaintext><img src=x onerror=CALL>',
    '<template shadowrootmode=open><img src=x onerror=CALL></template>',
    '<template><img src=x onerror=CALL></template>',
  ],
  'script urls': [
    '<a href="javascript:CALL">click me</a>',
    '<a href="JaVaScRiPt:CALL">x</a>',
    '<a href="&#106;avascript:CALL">x</a>',
    '<a href="java&#x09;script:CALL">x</a>',
    '<a href=" &#14; javascript:CALL">x</a>',
    '<a href="javascript&colon;CALL">x</a>',
    '<a href="vbscript:CALL">x</a>',
    (c) => `<a href="data:text/html;base64,${base64(`<script>opener.${c}</script>`)}">x</a>`,
    '<a href="data:text/html,%3Cscript%3Eopener.CALL%3C/script%3E">x</a>',
    '<form action="javascript:CALL"><button>go</button></form>',
    '<form><button formaction="javascript:CALL">go</button></form>',
    '<table background="javascript:CALL">',
    '<video poster=javascript:CALL>',
    'javascript:CALL',
    'data:text/html,<script>CALL</script>',
  ],
  'frames, objects and embeds': [
    '<iframe src="javascript:parent.CALL">',
    '<iframe src="vbscript:CALL">',
    '<iframe srcdoc="<script>parent.CALL</script>">',
    '<iframe srcdoc="&lt;img src=x onerror=parent.CALL&gt;">',
    '<iframe src="data:text/html,<script>parent.CALL</script>">',
    '<object data="javascript:CALL">',
    '<object data="data:text/html,<script>parent.CALL</script>">',
    '<embed src="javascript:CALL">',
    (c) => `<embed src="data:image/svg+xml;base64,${base64(`<svg xmlns='http://www.w3.org/2000/svg' onload='parent.${c}'/>`)}">`,
  ],
  'meta, base and link': [
    '<meta http-equiv="refresh" content="0;url=javascript:CALL">',
    '<meta http-equiv="refresh" content="0;url=data:text/html,<script>CALL</script>">',
    '<base href="javascript:CALL//">',
    '<link rel=stylesheet href="javascript:CALL">',
    '<link rel=import href="data:text/html,<script>CALL</script>">',
  ],
  'style': [
    "<style>@import 'javascript:CALL';</style>",
    '<style>body{background:url("javascript:CALL")}</style>',
    '<style>*{x:expression(CALL)}</style>',
    '<STYLE>li{list-style-image:url("javascript:CALL");}</STYLE><UL><LI>x',
    '<div style="width:expression(CALL)">x</div>',
    '<div style="background-image:url(javascript:CALL)">x</div>',
  ],
  'attribute and string breaking': [
    '"><img src=x onerror=CALL>',
    "'><img src=x onerror=CALL>",
    '" onmouseover="CALL',
    "' onfocus='CALL' autofocus='",
    "'-CALL-'",
    '";CALL;//',
    '\\";CALL;//',
    '`;CALL;`',
    '"/><svg onload=CALL>',
  ],
  'template literals and template engines': [
    '${CALL}',
    '`${CALL}`',
    '{{CALL}}',
    "{{constructor.constructor('CALL')()}}",
    '#{CALL}',
    '<%= CALL %>',
  ],
  'lit markers': [
    '<!--?lit$123$--><img src=x onerror=CALL>',
    '<?lit$456$>CALL',
    'lit$7890$<img src=x onerror=CALL>',
    '<div lit$1$="x" onclick=CALL>x</div>',
    '<!--?lit$2$-->${CALL}<!--?lit$2$-->',
  ],
  'encodings': [
    '&lt;img src=x onerror=CALL&gt;',
    (c) => `${entities('<script>')}${c}${entities('</script>')}`,
    '%3Cscript%3ECALL%3C%2Fscript%3E',
    '%253Cimg%2520src%253Dx%2520onerror%253DCALL%253E',
    '\\u003cimg src=x onerror=CALL\\u003e',
    '\\x3cscript\\x3eCALL\\x3c/script\\x3e',
    '+ADw-script+AD4-CALL+ADw-/script+AD4-',
    '＜script＞CALL＜/script＞',
    '<scri%00pt>CALL</scri%00pt>',
  ],
  'null bytes and invisible characters': [
    '<scr\0ipt>CALL</scr\0ipt>',
    '<img src=x\0 onerror=CALL>',
    '\u202e<img src=x onerror=CALL>\u202c',
    '\u2066<script>CALL</script>\u2069',
    '<scr\u200bipt>CALL</scr\u200bipt>',
    '\ufeff<svg onload=CALL>',
  ],
  'markdown': [
    '[x](javascript:CALL)',
    '[x](javascript&#58;CALL)',
    '![x](x" onerror="CALL)',
    '[a](javascript://%0aCALL)',
    '<javascript:CALL>',
  ],
  'polyglots': [
    `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=CALL )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=CALL//>\\x3e`,
    `'"--></style></script></textarea></title><svg/onload=CALL>`,
    `-->'"/></sCript><deTailS open x=">" ontoggle=CALL>`,
    `"'><img src=x onerror=CALL>\${CALL}{{CALL}}<!--?lit$0$-->javascript:CALL`,
  ],
};

/** The corpus in a fixed order, ids from 1. */
export const xssCorpus: readonly XssPayload[] = Object.entries(families).flatMap(([family, templates]) => templates.map((template) => ({ family, template })))
  .map(({ family, template }, i) => {
    const call = `__xss(${i + 1})`;
    return { id: i + 1, family, text: typeof template === 'string' ? template.replaceAll('CALL', call) : template(call) };
  });
