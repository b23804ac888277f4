// Reads one JSON string per line on stdin; writes one JSON object per line: what Twitter's own
// twitter-text says of the text. Offsets are in code points (JavaScript counts UTF-16 units).
"use strict";
const twttr = require("twitter-text");
const readline = require("readline");

function codePointOffsets(text) {
  const at = new Array(text.length + 1);
  let points = 0;
  for (let i = 0; i < text.length; i++) {
    at[i] = points;
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        at[++i] = points;
      }
    }
    points++;
  }
  at[text.length] = points;
  return at;
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  const text = JSON.parse(line);
  const parsed = twttr.parseTweet(text);
  const normal = text.normalize("NFC");
  const at = codePointOffsets(normal);
  const span = (e) => [at[e.indices[0]], at[e.indices[1]]];
  process.stdout.write(JSON.stringify({
    weightedLength: parsed.weightedLength,
    valid: parsed.valid,
    urls: twttr.extractUrlsWithIndices(normal).map(span),
    hashtags: twttr.extractHashtagsWithIndices(normal).map((e) => [e.hashtag, ...span(e)]),
  }) + "\n");
});
