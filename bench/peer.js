// The peer: the npm package compromise and its .quotations(), on the same
// text, article by article. Prints MB/s and the number of quotations.
const fs = require('fs');
const nlp = require('compromise');
const text = fs.readFileSync(process.argv[2], 'utf8');
const articles = text.split(/\n\n\n/);
const t0 = process.hrtime.bigint();
let quotes = 0;
for (const a of articles) {
  quotes += nlp(a).quotations().out('array').length;
}
const dt = Number(process.hrtime.bigint() - t0) / 1e9;
console.log((Buffer.byteLength(text) / 1e6 / dt).toFixed(2), quotes);
