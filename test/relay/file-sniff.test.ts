/** Types from bytes (C7), fed in chunks as uploads arrive, and the names files keep. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanFileName, contentDisposition } from '../../relay/files/file-names.js';
import { TypeSniffer } from '../../relay/files/sniff.js';

/** The type of `bytes` fed in chunks of `size`, and whether it was known before the end. */
function sniff(bytes: Buffer | string, size = 3): { type: string; knownEarly: string | undefined } {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const sniffer = new TypeSniffer();
  for (let i = 0; i < buffer.length; i += size) sniffer.push(buffer.subarray(i, i + size));
  const knownEarly = sniffer.known;
  return { type: sniffer.finish(), knownEarly };
}

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

describe('TypeSniffer', () => {
  it('knows the images and PDF by their signatures, whatever follows', () => {
    assert.equal(sniff(Buffer.concat([hex('89504e470d0a1a0a'), Buffer.alloc(20)])).type, 'image/png');
    assert.equal(sniff(Buffer.concat([hex('ffd8ffe0'), Buffer.alloc(20)])).type, 'image/jpeg');
    assert.equal(sniff('GIF89a\x01\x00\x01\x00 and more bytes').type, 'image/gif');
    assert.equal(sniff('GIF87a\x01\x00\x01\x00 and more bytes').type, 'image/gif');
    assert.equal(sniff(Buffer.concat([Buffer.from('RIFF'), hex('24000000'), Buffer.from('WEBPVP8 '), Buffer.alloc(20)])).type, 'image/webp');
    assert.equal(sniff('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n').type, 'application/pdf');
    assert.equal(sniff(Buffer.concat([hex('ffd8ff'), Buffer.alloc(30)])).knownEarly, 'image/jpeg', 'known from the first 16 bytes');
  });

  it('takes UTF-8 without control characters as text, even when a character spans chunks', () => {
    assert.deepEqual(sniff('Hyvää päivää – 你好 👋\r\n\tsecond line\f', 1), { type: 'text/plain', knownEarly: undefined });
    assert.equal(sniff('\ufeffwith a byte order mark').type, 'text/plain');
    assert.equal(sniff('<bob> is not a tag we know, nor is <hello>').type, 'text/plain');
    assert.equal(sniff('a < b > c').type, 'text/plain');
    assert.equal(sniff('').type, 'text/plain');
  });

  it('refuses as binary what is not UTF-8 or has control characters, from the moment it shows', () => {
    const binaries = [
      Buffer.from('text then \x00 NUL and more and more'),
      Buffer.from('escape \x1b[31m red and more and more'),
      hex('c3 28 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f'),
    ];
    for (const bytes of binaries) {
      assert.deepEqual(sniff(bytes), { type: 'application/octet-stream', knownEarly: 'application/octet-stream' });
    }
    assert.equal(sniff(Buffer.concat([Buffer.from('ends in half a character '), hex('e282')])).type, 'application/octet-stream');
    assert.equal(sniff(Buffer.concat([Buffer.from('PK'), hex('0304'), Buffer.alloc(30)])).knownEarly, 'application/octet-stream');
  });

  it('takes markup for HTML after any whitespace or byte order mark, in any case', () => {
    for (const markup of [
      '<!DOCTYPE html><p>hi',
      '<!doctype HTML>',
      '\ufeff \r\n\t<html lang="fi">',
      '<script>alert(1)</script>',
      '<IFRAME src=x>',
      '<a href=x>link</a>',
      '<b>bold</b> words after it',
      '<br/>',
      '<!-- a comment -->',
      '<?xml version="1.0"?>',
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '<svg/onload=alert(1)>',
      `${' '.repeat(5000)}<html>`,
    ]) {
      assert.equal(sniff(markup).type, 'text/html', markup.trim());
    }
  });
});

describe('file names', () => {
  it('lose folders, control characters and direction marks', () => {
    assert.equal(cleanFileName('C:\\Users\\maija\\kuitti.pdf'), 'kuitti.pdf');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('invoice\u202efdp.exe'), 'invoicefdp.exe');
    assert.equal(cleanFileName(' line\nbreak\u0000.txt '), 'linebreak.txt');
    assert.equal(cleanFileName('folder/'), '');
  });

  it('are offered back in both the plain and the UTF-8 form', () => {
    assert.equal(contentDisposition('attachment', 'report.pdf'), `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    assert.equal(
      contentDisposition('inline', `Kuva "1" 100% (ä)'s.png`),
      `inline; filename="Kuva _1_ 100_ (_)'s.png"; filename*=UTF-8''Kuva%20%221%22%20100%25%20%28%C3%A4%29%27s.png`,
    );
  });
});
